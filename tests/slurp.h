/* slurp.h - read a whole file into memory; shared by the tests and the
 * benchmark (no cmocka here). */
#ifndef OSC_TESTS_SLURP_H
#define OSC_TESTS_SLURP_H

#include <stdio.h>
#include <stdlib.h>

/* Read a whole file; NULL if it cannot be read. */
static inline char *tu_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap + 1);
	size_t k;
	while (b && (k = fread(b + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			char *nb = realloc(b, cap * 2 + 1);
			if (!nb) {
				free(b);
				b = NULL;
				break;
			}
			b = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (b)
		b[n] = '\0';
	if (len)
		*len = n;
	return b;
}

#endif
