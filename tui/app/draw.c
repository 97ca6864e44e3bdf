/* draw: UTF-8 text clipped to terminal columns, colours with a fallback. */
#include <curses.h>
#include <string.h>
#include <wchar.h>

#include "core/base/base.h"
#include "tui/app/tui.h"

void draw_color(struct app *app, enum color c, bool on)
{
	if (app->color && c != C_NORMAL) {
		if (on)
			attron(COLOR_PAIR(c));
		else
			attroff(COLOR_PAIR(c));
	}
	/* monochrome: attributes carry the meaning */
	attr_t a = c == C_SELECTED || c == C_STATUS ? A_REVERSE
		 : c == C_TITLE || c == C_HEADER || c == C_ERROR ? A_BOLD
		 : c == C_DIM ? A_DIM : A_NORMAL;
	if (on)
		attron(a);
	else
		attroff(a);
}

int draw_textn(int y, int x, const char *s, size_t n, int width)
{
	int used = 0;
	size_t i = 0;
	move(y, x);
	while (i < n && s[i]) {
		unsigned cp;
		int len = utf8_decode(s + i, &cp);
		if (i + (size_t)len > n)
			break;
		int w;
		if (cp == '\n' || cp == '\t') {
			cp = ' ';
			w = 1;
		} else {
			w = wcwidth((wchar_t)cp);
			if (w < 0) {
				cp = 0xfffd;
				w = 1;
			}
		}
		if (used + w > width)
			break;
		if (cp == ' ' || cp == 0xfffd) {
			addstr(cp == ' ' ? " " : "\xef\xbf\xbd");
		} else {
			addnstr(s + i, len);
		}
		used += w;
		i += (size_t)len;
	}
	return used;
}

int draw_text(int y, int x, const char *s, int width)
{
	return draw_textn(y, x, s ? s : "", s ? strlen(s) : 0, width);
}

void draw_fill(int y, int x, int width)
{
	for (int i = 0; i < width; i++)
		mvaddch(y, x + i, ' ');
}

void draw_hline(int y, int x, int width)
{
	mvhline(y, x, ACS_HLINE, width);
}

void draw_vline(int y, int x, int height)
{
	mvvline(y, x, ACS_VLINE, height);
}
