/* session: one operation's hold on the folder and the keys (session.h). */
#include "sync/session.h"

#include <assert.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/layout.h"

void sync_summary_release(struct sync_summary *s)
{
	strvec_release(&s->from);
	strvec_release(&s->notes);
	memset(s, 0, sizeof *s);
}

void session_note(struct session *s, const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	strvec_push(&s->out->notes, sb.buf);
	sb_release(&sb);
}

void session_begin(struct session *s, struct store *st, const char *dir, struct keyring *kr,
		   struct sync_summary *out, struct err *e)
{
	memset(s, 0, sizeof *s);
	s->st = st;
	s->dir = xstrdup(dir);
	s->kr = *kr;
	keyring_release(kr);
	s->out = out;
	s->e = e;
}

int session_open(struct session *s, struct store *st, const char *dir, struct sync_summary *out,
		 struct err *e)
{
	*s = (struct session){ .st = st, .out = out, .e = e };
	if (!dir) {
		if (store_local_get(st, SETTING_DIR, &s->dir, e))
			return -1;
		if (!s->dir)
			return error(e, E_SYNC_NOT_SHARED);
	} else {
		s->dir = xstrdup(dir);
	}
	int rc = identity_load(st, &s->id, e);
	if (rc) {
		session_release(s);
		return rc < 0 ? -1 : error(e, E_SYNC_NO_IDENTITY);
	}
	s->has_id = true;
	rc = keyring_load(st, &s->kr, e);
	if (rc) {
		session_release(s);
		return rc < 0 ? -1 : error(e, E_SYNC_NO_KEY);
	}
	out->renewed = s->id.renewed;
	if (s->id.renewed) {
		char fp[IDENTITY_FP_SIZE];
		identity_fingerprint(s->id.pk, fp);
		session_note(s, _("this database is a copy of another: it now writes as a machine of its own (key %s)"),
			     fp);
	}
	return 0;
}

void session_release(struct session *s)
{
	identity_release(&s->id);
	keyring_release(&s->kr);
	folder_release(&s->folder);
	strvec_release(&s->numbered);
	free(s->dir);
	memset(s, 0, sizeof *s);
}

int session_next_seq(struct session *s, long long *seq)
{
	long long last;
	assert(s->has_id); /* a machine without an identity writes nothing */
	if (replica_last_seq(s->st, s->id.actor, &last, s->e) ||
	    folder_read(s->st, s->dir, s->id.actor, &s->folder, s->e))
		return -1;
	if ((long long)s->folder.mine > last)
		last = (long long)s->folder.mine;
	*seq = last + 1;
	return 0;
}

int session_write(struct session *s, int kind, long long seq, uint32_t epoch, const unsigned char *ext,
		  size_t ext_len, const unsigned char *plain, size_t plain_len,
		  const unsigned char key[BUNDLE_KEY_LEN])
{
	struct bundle b = { .kind = kind, .seq = (uint64_t)seq, .epoch = epoch };
	unsigned char *file;
	size_t len;
	char rel[LAYOUT_PATH_MAX];
	assert(s->has_id && key);
	memcpy(b.council, s->kr.council, BUNDLE_COUNCIL_LEN);
	bundle_seal(&b, ext, ext_len, plain, plain_len, key, &s->id, &file, &len);
	layout_path(s->id.actor, (uint64_t)seq, rel);
	if (!s->first_written)
		s->first_written = seq;
	/* kept byte for byte, to be put back if the folder loses it */
	int rc = replica_sent_add(s->st, s->id.actor, seq, file, len, s->e) ||
			     folder_file_write(s->dir, rel, file, len, s->e)
		     ? -1
		     : 0;
	free(file);
	return rc;
}
