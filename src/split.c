/*
 * split.c - from blocks to sections: headline, improvement points, areas
 * for priority action and findings, and the kind of document.  A letter's
 * sections follow its headings; a report's overview follows its judgement
 * table (split_report.c); a news page is read by split_news.c.
 */
#include "split.h"
#include "lexicon.h"

#include <string.h>

osc_status osc_split_add(osc_split *sp, const osc_allocator *a,
			   osc_section sec, const osc_block *b)
{
	if (!osc_grow(a, (void **)&sp->items[sec], &sp->cap_items[sec],
		      sp->n_items[sec] + 1, sizeof *sp->items[sec]))
		return OSC_ENOMEM;
	sp->items[sec][sp->n_items[sec]++] = (osc_item_build){ b->text, b->len, b->page, b->number };
	return OSC_OK;
}

/* An entry of a table of contents is a title, a line long; entries run
 * together stay short of a paragraph of text. */
#define CONTENTS_ENTRY 400

/* A document says what it is in its opening: its title page, its first
 * paragraphs.  Looking further finds other documents' names in the text. */
#define KIND_BLOCKS 40

static osc_kind detect_kind(const osc_blocks *bl)
{
	size_t lim = bl->n < KIND_BLOCKS ? bl->n : KIND_BLOCKS;
	for (size_t i = 0; i < lim; i++) {
		const osc_block *b = &bl->v[i];
		/* a report's title page first: its opening paragraph may
		 * mention earlier focused or monitoring visits */
		if (osc_starts_with_ci(b->text, b->len, "Inspection of ") ||
		    osc_starts_with_ci(b->text, b->len, "Re-inspection of ") ||
		    osc_starts_with_ci(b->text, b->len, "Inspection dates") ||
		    osc_starts_with_ci(b->text, b->len, "Lead inspector:"))
			return OSC_KIND_INSPECTION_REPORT;
		if (osc_contains_ci(b->text, b->len, "joint targeted area inspection"))
			return OSC_KIND_JTAI;
		if (osc_contains_ci(b->text, b->len, "monitoring visit"))
			return OSC_KIND_MONITORING_VISIT;
		if (osc_contains_ci(b->text, b->len, "focused visit"))
			return OSC_KIND_FOCUSED_VISIT;
	}
	return OSC_KIND_UNKNOWN;
}

/* A subheading inside the findings ("Identifying and responding to
 * children's needs"): a short paragraph that ends no sentence, a paragraph
 * after it.  (Improvement points are often written so; findings not.) */
static bool subheading(const osc_blocks *bl, size_t i)
{
	const osc_block *b = &bl->v[i];
	/* a title over a finding: the paragraph after it is one of the
	 * letter's long ones */
	if (b->type != OSC_BLOCK_PARA || b->len > 110 || !b->len || i + 1 >= bl->n ||
	    bl->v[i + 1].type == OSC_BLOCK_HEADING || bl->v[i + 1].len < 200 ||
	    bl->v[i + 1].len < 3 * b->len || !(b->text[0] >= 'A' && b->text[0] <= 'Z'))
		return false;
	char last = b->text[b->len - 1];
	if (memchr(".?!:;)\"", last, 7) || osc_contains_ci(b->text, b->len, ". "))
		return false;
	/* a closing quotation mark ends a sentence too */
	return !(b->len >= 3 && (unsigned char)b->text[b->len - 3] == 0xE2 &&
		 (unsigned char)b->text[b->len - 2] == 0x80);
}

/* Is the bullet at b a sub-point: it carries on its lead-in's sentence
 * (lower case first)? */
static bool sub_point(const osc_block *b)
{
	return b->type == OSC_BLOCK_BULLET && b->len && b->text[0] >= 'a' && b->text[0] <= 'z';
}

/*
 * A lead-in: a paragraph ending in ':' with bullets after it.  It is no
 * item of its own.  A list's introduction ("... to address the following
 * areas of weakness:") leaves its bullets to be items; an action with its
 * sub-points ("... for children, including:" then points that carry on its
 * sentence, in lower case) is one item, its points joined to it.  *skip:
 * the blocks after b that the item took.  Returns false when b is no
 * lead-in.
 */
static bool lead_in(const osc_blocks *bl, size_t i, osc_split *sp, osc_section sec,
		    size_t *skip, osc_status *st)
{
	const osc_block *b = &bl->v[i];
	*skip = 0;
	if (!b->len || b->text[b->len - 1] != ':' || i + 1 >= bl->n ||
	    bl->v[i + 1].type != OSC_BLOCK_BULLET)
		return false;
	if (osc_is_list_intro(b->text, b->len) || !sub_point(&bl->v[i + 1]))
		return true; /* the bullets are the items */
	osc_buf t;
	osc_buf_init(&t, bl->arena->a);
	osc_buf_add(&t, b->text, b->len);
	for (size_t j = i + 1; j < bl->n && sub_point(&bl->v[j]); j++, (*skip)++) {
		osc_buf_addc(&t, ' ');
		osc_buf_add(&t, bl->v[j].text, bl->v[j].len);
	}
	const char *joined = t.failed ? NULL : osc_arena_strndup(bl->arena, t.data, t.len);
	osc_block one = { b->type, joined, t.len, b->page, b->number };
	*st = joined ? osc_split_add(sp, bl->arena->a, sec, &one) : OSC_ENOMEM;
	osc_buf_free(&t);
	return true;
}

typedef enum state {
	S_PREAMBLE,
	S_OVERVIEW,
	S_IMPROVE,
	S_PRIORITY,
	S_FINDINGS,
	S_END
} state;

osc_status osc_split_blocks(const osc_blocks *bl, osc_split *sp, osc_error *err)
{
	const osc_allocator *a = bl->arena->a;
	osc_arena *ar = bl->arena;
	if (osc_looks_like_news(bl)) {
		sp->kind = OSC_KIND_NEWS_SUMMARY;
		osc_status st = osc_split_news(bl, sp, a);
		if (st)
			return osc_set_error(err, st, 0, "out of memory splitting sections");
		return OSC_OK;
	}
	sp->kind = detect_kind(bl);

	state s = S_PREAMBLE;
	bool seen_findings_heading = false;
	bool after_table = false; /* a report's judgement table is behind */
	osc_buf headline;
	osc_buf_init(&headline, a);
	osc_status st = OSC_OK;
	for (size_t i = 0; i < bl->n && s != S_END && !st; i++) {
		const osc_block *b = &bl->v[i];
		/* a report's table of contents: its entries (short headings and
		 * titles) name sections, they do not start them */
		if (b->len == 8 && osc_starts_with_ci(b->text, b->len, "Contents")) {
			size_t j = i + 1;
			while (j < bl->n && bl->v[j].type != OSC_BLOCK_BULLET &&
			       bl->v[j].len <= CONTENTS_ENTRY)
				j++;
			/* the contents end where the text begins: a heading just
			 * before it is the first section's own */
			size_t k = j;
			while (k > i + 1 && k + 2 > j && bl->v[k - 1].type != OSC_BLOCK_HEADING)
				k--;
			i = (k > i + 1 && bl->v[k - 1].type == OSC_BLOCK_HEADING ? k - 1 : j) - 1;
			continue;
		}
		if (b->type == OSC_BLOCK_HEADING) {
			osc_heading h = osc_classify_heading(b->text, b->len);
			state next = s;
			switch (h) {
			case OSC_HEAD_OVERVIEW:
				if (sp->kind == OSC_KIND_INSPECTION_REPORT && s == S_FINDINGS)
					break; /* a report's area summary: findings too */
				/* a second overview heading after the headline
				 * was read, before any findings: by the shape of
				 * the letter, the findings' heading misnamed */
				if (s == S_OVERVIEW && headline.len && !seen_findings_heading &&
				    !sp->n_items[OSC_SECTION_FINDINGS]) {
					next = S_FINDINGS;
					seen_findings_heading = true;
					sp->note = "a second overview heading: read as the findings' heading";
				} else {
					next = S_OVERVIEW;
				}
				break;
			case OSC_HEAD_IMPROVE:
				/* a second list, after the findings began ("Areas
				 * for improvement" under them, the improvement
				 * points given already), is findings that concern */
				next = s == S_FINDINGS && sp->n_items[OSC_SECTION_IMPROVEMENTS]
				       ? S_FINDINGS : S_IMPROVE;
				break;
			case OSC_HEAD_PRIORITY: next = S_PRIORITY; break;
			case OSC_HEAD_FINDINGS:
				next = S_FINDINGS;
				seen_findings_heading = true;
				break;
			case OSC_HEAD_SCOPE: next = S_PREAMBLE; break;
			case OSC_HEAD_END:
				/* a closing section ends the items; named in a
				 * report's contents, before any, it does not */
				next = sp->n_items[OSC_SECTION_IMPROVEMENTS] ||
				       sp->n_items[OSC_SECTION_PRIORITY_ACTIONS] ||
				       sp->n_items[OSC_SECTION_FINDINGS] ? S_END : S_PREAMBLE;
				break;
			default: break; /* other headings keep the section */
			}
			s = next;
			continue;
		}
		if (sp->kind == OSC_KIND_INSPECTION_REPORT && s == S_FINDINGS &&
		    osc_is_judgement_statement(b->text, b->len))
			continue; /* the judgement restated: its heading says it */
		if (sp->kind == OSC_KIND_INSPECTION_REPORT && b->type == OSC_BLOCK_PARA &&
		    (osc_is_judgement_heading(b->text, b->len) ||
		     /* the area's name, its grade on the next line, after the table */
		     (s != S_PREAMBLE && osc_report_row_name(b) && i + 1 < bl->n &&
		      osc_is_grade(bl->v[i + 1].text, bl->v[i + 1].len)))) {
			/* a judgement area's heading: its findings follow */
			s = S_FINDINGS;
			seen_findings_heading = true;
			continue;
		}
		if (sp->kind == OSC_KIND_INSPECTION_REPORT && b->type == OSC_BLOCK_PARA &&
		    osc_is_grade(b->text, b->len)) {
			/* a grade on its own line, under its area: in the
			 * table, the overview may follow */
			if (s == S_PREAMBLE && i > 0 && osc_report_row_name(&bl->v[i - 1]))
				after_table = true;
			continue;
		}
		if (osc_is_closing(b->text, b->len)) {
			s = S_END;
			break;
		}
		switch (s) {
		case S_PREAMBLE:
			/* a report's overview has no heading: it follows the
			 * judgement table, whose last row is the overall grade,
			 * in a paragraph of its own or run on after the grade */
			if (sp->kind == OSC_KIND_INSPECTION_REPORT && b->type == OSC_BLOCK_PARA &&
			    !seen_findings_heading) {
				if (osc_report_row_name(b)) { /* the next row of the table */
					after_table = false;
					break;
				}
				size_t from = 0, end = b->len;
				if (!after_table &&
				    !osc_report_overview_after_table(b->text, b->len, &from, &end))
					break;
				after_table = true;
				if (from < end) {
					/* an area's heading run on after it: its
					 * findings follow */
					s = end < b->len ? S_FINDINGS : S_OVERVIEW;
					seen_findings_heading = end < b->len;
					osc_buf_add(&headline, b->text + from, end - from);
				}
			}
			break;
		case S_END:
			break;
		case S_OVERVIEW:
			/* a report's numbered findings with no area heading
			 * seen: the overview is over */
			if (sp->kind == OSC_KIND_INSPECTION_REPORT && b->type == OSC_BLOCK_BULLET) {
				s = S_FINDINGS;
				st = osc_split_add(sp, a, OSC_SECTION_FINDINGS, b);
				break;
			}
			if (headline.len)
				osc_buf_adds(&headline, "\n\n");
			osc_buf_add(&headline, b->text, b->len);
			break;
		case S_IMPROVE:
		case S_PRIORITY: {
			osc_section sec = s == S_IMPROVE ? OSC_SECTION_IMPROVEMENTS
							 : OSC_SECTION_PRIORITY_ACTIONS;
			/* A plain paragraph after a list of bullet points, with no
			 * findings heading anywhere: the findings have begun. */
			if (b->type == OSC_BLOCK_PARA && sp->n_items[sec] > 0 &&
			    !seen_findings_heading && i > 0 &&
			    bl->v[i - 1].type == OSC_BLOCK_BULLET) {
				s = S_FINDINGS;
				sec = OSC_SECTION_FINDINGS;
			}
			size_t skip;
			if (lead_in(bl, i, sp, sec, &skip, &st))
				i += skip;
			else
				st = osc_split_add(sp, a, sec, b);
			break;
		}
		case S_FINDINGS: {
			size_t skip;
			if (subheading(bl, i))
				break; /* it keeps the section */
			if (lead_in(bl, i, sp, OSC_SECTION_FINDINGS, &skip, &st))
				i += skip;
			else
				st = osc_split_add(sp, a, OSC_SECTION_FINDINGS, b);
			break;
		}
		}
	}
	if (!st && headline.len) {
		sp->headline = osc_arena_strndup(ar, headline.data, headline.len);
		if (!sp->headline)
			st = OSC_ENOMEM;
	}
	if (headline.failed)
		st = OSC_ENOMEM;
	osc_buf_free(&headline);
	if (st)
		return osc_set_error(err, st, 0, "out of memory splitting sections");
	return OSC_OK;
}
