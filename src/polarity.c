/*
 * polarity.c - an item's polarity from its cues: each sentence leans to
 * strength or concern, or both when a contrast joins real cues of each; an
 * item with sentences both ways is mixed when the minority side is at least
 * mixed-ratio of the majority, or when a sentence of the minority turns on
 * a contrast with cues of at least pivot; improvement points are concerns
 * unless their words are clearly positive.  docs/design.md has the
 * reasoning.
 */
#include "classify_internal.h"

#include <string.h>

/*
 * Does an improvement point declare something ("The response to allegations
 * is mostly robust.") rather than name what must improve ("The effective
 * oversight of early help cases, so that cases are held at the right
 * level")?  Improvement points are written as the state to reach, in
 * positive words; only a declaration in its first sentence, before any
 * "so that" or "which", can make one a strength.
 */
static bool declares(const char *s, size_t n)
{
	size_t end = 0;
	while (end < n && !(s[end] == '.' && (end + 1 == n || s[end + 1] == ' ')))
		end++;
	static const char *const verbs[] = { " is ", " are ", " has been ", " have been ",
					     " benefit ", " benefits " };
	static const char *const subordinate[] = { "so that", "to ensure", "in order to",
						   "which", " who ", " that ", " when ", " where " };
	/* "How well staff understand ...", "The extent to which ..." */
	if (osc_starts_with_ci(s, n, "How ") || osc_starts_with_ci(s, n, "Whether ") ||
	    osc_starts_with_ci(s, n, "The extent "))
		return false;
	long verb = -1;
	for (size_t i = 0; i < OSC_ARRAY_LEN(verbs); i++) {
		long at = osc_find_ci(s, end, verbs[i], NULL);
		if (at >= 0 && (verb < 0 || at < verb))
			verb = at;
	}
	if (verb < 0)
		return false;
	for (size_t i = 0; i < OSC_ARRAY_LEN(subordinate); i++)
		if (osc_find_ci(s, (size_t)verb + 1, subordinate[i], NULL) >= 0)
			return false;
	return true;
}

unsigned osc_sentence_cues(const osc_classifier *c, size_t *i, sentence_cues *sc)
{
	const osc_rules *r = c->r;
	unsigned sn = c->hits[*i].sentence;
	*sc = (sentence_cues){ 0, 0, false, false };
	for (; *i < c->n_hits && c->hits[*i].sentence == sn; (*i)++) {
		const hit *h = &c->hits[*i];
		if (h->dead)
			continue;
		if (h->kind == R_CONTRAST)
			sc->contrast = true;
		if (h->kind != R_STRENGTH && h->kind != R_CONCERN)
			continue;
		sc->negated |= h->negated;
		if ((h->kind == R_STRENGTH) != h->negated)
			sc->strength += r->rules[h->rule].weight;
		else
			sc->concern += r->rules[h->rule].weight;
	}
	return sn;
}

osc_polarity osc_decide_polarity(osc_classifier *c, osc_section sec,
				    const char *text, size_t len, tally *t)
{
	const osc_rules *r = c->r;
	double s_all = 0, c_all = 0;
	/* a sentence of each side that turns on a contrast ("Take-up,
	 * however, remains too low") with cues of at least pivot */
	bool pivot_s = false, pivot_c = false;
	*t = (tally){ 0, 0, 0, NULL };
	/* hits are in text order, so each sentence's run is contiguous */
	size_t i = 0;
	while (i < c->n_hits) {
		sentence_cues sc;
		osc_sentence_cues(c, &i, &sc);
		double ss = sc.strength, cc = sc.concern;
		bool contrast = sc.contrast;
		s_all += ss;
		c_all += cc;
		bool pivots = contrast && r->pivot > 0;
		if (ss > 0 && cc > 0 && contrast) {
			t->both++;
		} else if (ss > cc) {
			t->strength++;
			pivot_s |= pivots && ss >= r->pivot;
		} else if (cc > 0) {
			t->concern++;
			pivot_c |= pivots && cc >= r->pivot;
		}
	}
	if (sec != OSC_SECTION_FINDINGS) {
		/* improvement points and priority actions are concerns unless
		 * their words are all clearly positive */
		bool pos = s_all > 0 && c_all == 0 && s_all >= r->improvement_strength &&
			   declares(text, len);
		t->rule = pos ? "an improvement point that declares a strength: its cues all strengths, at least improvement-strength"
			      : "an improvement point: a concern unless it declares a strength";
		return pos ? OSC_POLARITY_STRENGTH : OSC_POLARITY_CONCERN;
	}
	unsigned pos = t->strength + t->both, neg = t->concern + t->both;
	if (pos == 0 && neg == 0) {
		t->rule = "no evaluative cues";
		return OSC_POLARITY_NEUTRAL;
	}
	if (neg == 0 || pos == 0) {
		t->rule = neg == 0 ? "only strength sentences" : "only concern sentences";
		return neg == 0 ? OSC_POLARITY_STRENGTH : OSC_POLARITY_CONCERN;
	}
	unsigned lo = pos < neg ? pos : neg, hi = pos < neg ? neg : pos;
	if ((double)lo >= r->mixed_ratio * hi) {
		t->rule = "sentences both ways, the minority at least mixed-ratio of the majority";
		return OSC_POLARITY_MIXED;
	}
	if (pos < neg ? pivot_s : pivot_c) {
		t->rule = "sentences both ways, the minority turning on a contrast with cues of at least pivot";
		return OSC_POLARITY_MIXED;
	}
	t->rule = "sentences both ways, the minority below mixed-ratio: the majority decides";
	return pos > neg ? OSC_POLARITY_STRENGTH : OSC_POLARITY_CONCERN;
}
