/*
 * meta_focus.c - what the visit looked at: a focused visit's "the local
 * authority's arrangements for ...", a JTAI's subject.
 */
#include "meta_internal.h"

#include <string.h>

/* A JTAI's focus is its subject: "the multi-agency response to children
 * who are victims of domestic abuse" (the area's name after it cut). */
static osc_status find_jtai_focus(osc_mctx *c, bool *found)
{
	for (size_t i = 0; c->kind == OSC_KIND_JTAI && i < c->end; i++) {
		const osc_block *b = &c->bl->v[i];
		if (osc_find_ci(b->text, b->len, "joint targeted area inspection", NULL) < 0)
			continue;
		size_t ml;
		long at = osc_find_ci(b->text, b->len, "the multi-agency response to ", &ml);
		if (at < 0)
			continue;
		const char *s = b->text + at;
		size_t n = osc_meta_sentence_end(s, b->len - (size_t)at), in = n;
		for (size_t k = ml; k + 5 <= n; k++)
			if (memcmp(s + k, " in ", 4) == 0 && s[k + 4] >= 'A' && s[k + 4] <= 'Z')
				in = k;
		while (in && (s[in - 1] == '.' || s[in - 1] == ' '))
			in--;
		c->m->focus = osc_arena_strndup(c->ar, s, in);
		*found = true;
		return c->m->focus ? OSC_OK : OSC_ENOMEM;
	}
	return OSC_OK;
}

osc_status osc_meta_focus(osc_mctx *c)
{
	bool jtai = false;
	osc_status st = find_jtai_focus(c, &jtai);
	if (st || jtai)
		return st;
	static const char *const anchors[] = {
		"Inspectors looked at ", "Inspectors evaluated ", "Inspectors reviewed ",
		"Inspectors considered ", "The focus of this visit was on ",
		"The focus of this visit was ", "The focus of the visit was on ",
		"The focus of the visit was ", "This visit looked at ",
		"The visit looked at ", "Inspectors focused on ",
	};
	for (size_t i = 0; i < c->end; i++) {
		const osc_block *b = &c->bl->v[i];
		/* the focus is stated in the opening, before the first
		 * section of findings or improvements */
		if (b->type == OSC_BLOCK_HEADING) {
			osc_heading h = osc_classify_heading(b->text, b->len);
			if (h == OSC_HEAD_OVERVIEW || h == OSC_HEAD_IMPROVE ||
			    h == OSC_HEAD_PRIORITY || h == OSC_HEAD_FINDINGS)
				break;
		}
		/* every anchor holds one of these stems, each rare in other
		 * text ("Inspectors " and "focus" are in most blocks of a
		 * letter): the blocks with none are passed over */
		static const char *const stems[] = {
			"looked at ", "focus of th", "nspectors focused on ",
			"nspectors evaluated ", "nspectors reviewed ", "nspectors considered ",
		};
		if (!osc_contains_any_ci(b->text, b->len, stems, OSC_ARRAY_LEN(stems)))
			continue;
		const char *s;
		size_t n;
		for (size_t a = 0; osc_after_any_ci(b->text, b->len, anchors, OSC_ARRAY_LEN(anchors), &a, &s, &n);
		     a++) {
			if (osc_starts_with_ci(s, n, "a range of") || osc_starts_with_ci(s, n, "evidence"))
				continue;
			n = osc_meta_sentence_end(s, n);
			bool list = n && s[n - 1] == ':';
			osc_buf f;
			osc_buf_init(&f, c->a);
			/* "... in the following areas of concern ...:" says nothing
			 * the list that follows does not */
			bool lead_in = list && osc_contains_ci(s, n, "following") &&
				       i + 1 < c->bl->n && c->bl->v[i + 1].type == OSC_BLOCK_BULLET;
			if (!lead_in)
				osc_buf_add(&f, s, list ? n - 1 : n);
			/* "Inspectors looked at:" followed by bullet points */
			for (size_t j = i + 1; list && j < c->bl->n && c->bl->v[j].type == OSC_BLOCK_BULLET; j++) {
				const osc_block *bb = &c->bl->v[j];
				size_t bn = bb->len;
				while (bn && (bb->text[bn - 1] == '.' || bb->text[bn - 1] == ';'))
					bn--;
				if (f.len)
					osc_buf_adds(&f, j == i + 1 ? " " : "; ");
				osc_buf_add(&f, bb->text, bn);
			}
			if (f.failed) {
				osc_buf_free(&f);
				return OSC_ENOMEM;
			}
			size_t flen = f.len;
			c->m->focus = flen ? osc_arena_strndup(c->ar, f.data, flen) : NULL;
			osc_buf_free(&f);
			if (flen && !c->m->focus)
				return OSC_ENOMEM;
			return OSC_OK;
		}
	}
	return OSC_OK;
}
