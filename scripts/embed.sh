#!/bin/sh
# Turn standard input into a C string named $1 (NUL-terminated, UTF-8 kept).
name=$1
echo "/* Generated from tui/cli/demo.gavel; do not edit. */"
echo "const char ${name}[] ="
od -An -v -tx1 | tr -s ' \n' '  ' | sed 's/^ //; s/ $//' | tr ' ' '\n' |
	awk 'BEGIN { line = "" }
	{ line = line "\\x" $0; n++; if (n == 20) { print "\t\"" line "\""; line = ""; n = 0 } }
	END { if (n) print "\t\"" line "\""; print "\t;" }'
