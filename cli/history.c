/*
 * history.c - --history: find each document's predecessor among the inputs.
 * A first pass keeps a digest of every input (a few KB each); they are
 * sorted by authority key and date, so a document's predecessor is found
 * by a binary search and a walk back over its own authority's documents,
 * plus the few of authorities that were reorganised into others.
 */
#define _POSIX_C_SOURCE 200809L
#include "history.h"
#include "output.h"

#include <stdlib.h>
#include <string.h>

struct history {
	osc_digest **all;       /* as given, freed at the end */
	size_t n;
	const osc_digest **by_key; /* dated ones with a key, by key then date */
	size_t n_keyed;
	const osc_digest **former; /* of authorities since reorganised */
	size_t n_former;
};

static int by_key_date(const void *a, const void *b)
{
	const osc_digest *x = *(const osc_digest *const *)a, *y = *(const osc_digest *const *)b;
	int c = strcmp(osc_digest_authority_key(x), osc_digest_authority_key(y));
	return c ? c : strcmp(osc_digest_date(x), osc_digest_date(y));
}

history *history_new(osc_digest **digests, size_t n)
{
	history *h = calloc(1, sizeof *h);
	if (h) {
		h->all = digests, h->n = n;
		h->by_key = malloc((n ? n : 1) * sizeof *h->by_key);
		h->former = malloc((n ? n : 1) * sizeof *h->former);
	}
	if (!h || !h->by_key || !h->former) {
		msg(NULL, "%s", "out of memory");
		if (!h) {
			for (size_t i = 0; i < n; i++)
				osc_digest_free(digests[i]);
			free(digests);
		}
		history_free(h);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const osc_digest *d = digests[i];
		const char *key = osc_digest_authority_key(d);
		if (!d || !key || !osc_digest_date(d))
			continue;
		h->by_key[h->n_keyed++] = d;
		if (osc_authority_ended(key))
			h->former[h->n_former++] = d;
	}
	qsort(h->by_key, h->n_keyed, sizeof *h->by_key, by_key_date);
	return h;
}

const osc_digest *history_previous(const history *h, const osc_doc *doc)
{
	const char *key = osc_doc_authority_key(doc);
	if (!h || !key || !osc_doc_dated(doc))
		return NULL;
	/* the first of the authority's, by binary search */
	size_t lo = 0, hi = h->n_keyed;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(osc_digest_authority_key(h->by_key[mid]), key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	const osc_digest *best = NULL;
	for (size_t i = lo; i < h->n_keyed && !strcmp(osc_digest_authority_key(h->by_key[i]), key); i++)
		if (osc_digest_precedes(h->by_key[i], doc))
			best = h->by_key[i]; /* dates ascend: the last one before */
	/* a reorganised predecessor counts when nothing of its own is later */
	for (size_t i = 0; i < h->n_former; i++)
		if (osc_digest_precedes(h->former[i], doc) &&
		    (!best || strcmp(osc_digest_date(h->former[i]), osc_digest_date(best)) > 0))
			best = h->former[i];
	return best;
}

void history_free(history *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++)
		osc_digest_free(h->all[i]);
	free(h->all);
	free(h->by_key);
	free(h->former);
	free(h);
}
