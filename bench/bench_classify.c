/*
 * bench_classify.c - the classifier's throughput on one thread.
 *
 * Usage: bench_classify FILE...   (make bench passes the shared corpus)
 * Each file is scanned once, untimed, to get its items; then every item is
 * classified again, timed, several rounds, best round reported, with an
 * arena a document as in osc_scan.  MB/s is item text classified per second,
 * with the rules alone and with the default model deciding.
 */
#include "classify_internal.h"
#include "text.h"
#include "slurp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROUNDS 9

typedef struct item_ref {
	char *text;
	size_t len;
	osc_section sec;
	int doc; /* the document it came from */
} item_ref;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	osc_error err = { 0 };
	size_t dlen;
	const char *def = osc_default_rules_text(&dlen);
	osc_rules *rules = osc_rules_parse(def, dlen, "default rules", NULL, &err);
	osc_scanner *sc = rules ? osc_scanner_new(rules, NULL, &err) : NULL;
	osc_classifier *cls = rules ? osc_classifier_new(rules, NULL) : NULL;
	if (!sc || !cls) {
		fprintf(stderr, "bench_classify: %s\n", err.message);
		return 2;
	}
	item_ref *items = NULL;
	size_t n_items = 0, cap = 0, item_bytes = 0, corpus_bytes = 0;
	for (int i = 1; i < argc; i++) {
		size_t len;
		char *data = tu_slurp(argv[i], &len);
		if (!data)
			continue;
		corpus_bytes += len;
		osc_doc *doc = osc_scan(sc, data, len, argv[i], OSC_FORMAT_AUTO, &err);
		for (int sec = 0; doc && sec < OSC_SECTION_COUNT; sec++) {
			for (size_t k = 0; k < osc_doc_item_count(doc, (osc_section)sec); k++) {
				const osc_item *it = osc_doc_item(doc, (osc_section)sec, k);
				if (n_items == cap) {
					cap = cap ? cap * 2 : 1024;
					items = realloc(items, cap * sizeof *items);
					if (!items)
						return 2;
				}
				size_t l = strlen(it->text);
				items[n_items++] = (item_ref){ strdup(it->text), l, (osc_section)sec, i };
				item_bytes += l;
			}
		}
		osc_doc_free(doc);
		free(data);
	}
	osc_model *model = osc_model_default(rules, NULL, &err);
	if (!model) {
		fprintf(stderr, "bench_classify: %s\n", err.message);
		return 2;
	}
	for (int with_model = 0; with_model < 2; with_model++) {
	if (!osc_classifier_set_model(cls, with_model ? model : NULL))
		return 2;
	double best = 0;
	size_t themes = 0;
	for (int round = 0; round < ROUNDS; round++) {
		osc_arena ar;
		osc_arena_init(&ar, NULL);
		themes = 0;
		double t0 = now();
		for (size_t i = 0; i < n_items; i++) {
			/* one arena a document, as osc_scan has */
			if (i && items[i].doc != items[i - 1].doc) {
				osc_arena_free(&ar);
				osc_arena_init(&ar, NULL);
			}
			osc_item it;
			bool limit = false;
			it.text = items[i].text;
			if (osc_classify(cls, &ar, items[i].sec, OSC_KIND_FOCUSED_VISIT, items[i].text, items[i].len, &it, &limit))
				return 2;
			themes += it.n_themes;
		}
		double dt = now() - t0;
		osc_arena_free(&ar);
		if (round == 0 || dt < best)
			best = dt;
	}
	double mbs = item_bytes / 1e6 / best;
	printf("bench: classifier (%s), 1 thread: %zu items, %.1f MB of item text in %.3f s: "
	       "%.1f MB/s, %.0f items/s (%zu themes tagged; the corpus is %.1f MB; "
	       "target %d MB/s: %s)\n",
	       with_model ? "rules and the model" : "the rules alone", n_items, item_bytes / 1e6,
	       best, mbs, n_items / best, themes, corpus_bytes / 1e6, with_model ? 80 : 100,
	       mbs >= (with_model ? 80 : 100) ? "met" : "NOT met");
	}
	osc_model_free(model);
	for (size_t i = 0; i < n_items; i++)
		free(items[i].text);
	free(items);
	osc_classifier_free(cls);
	osc_scanner_free(sc);
	osc_rules_free(rules);
	return 0;
}
