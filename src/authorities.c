/*
 * authorities.c - the English local authorities (data/authorities.txt,
 * compiled in): a printed name to its canonical one, and who succeeded a
 * reorganised authority.
 *
 * The table is parsed once, on first use, into fixed static storage: no
 * allocation, so nothing to fail at run time and nothing to free.  A
 * malformed data file is a build error caught by the tests
 * (osc_authorities_check), never a run-time one.
 */
#include "authorities.h"
#include "base.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

extern const char osc_default_authorities[];
extern const size_t osc_default_authorities_len;

#define MAX_AUTHORITIES 256
#define MAX_NAMES 512
#define MAX_SUCCESSORS 4
#define NAME_MAX_LEN 96
/* osc_authorities_check: a name given to two authorities */
#define DUPLICATE_NAME 0xFFFFFFFFu

typedef struct authority {
	char name[NAME_MAX_LEN];         /* canonical, as written */
	char ended[11];                  /* YYYY-MM-DD, or "" */
	int successor[MAX_SUCCESSORS];   /* indexes */
	size_t n_successors;
} authority;

typedef struct alias {
	char key[NAME_MAX_LEN];          /* normalised */
	int authority;
} alias;

static struct {
	authority a[MAX_AUTHORITIES];
	size_t n;
	alias names[MAX_NAMES];
	size_t n_names;
	unsigned bad_line;               /* the first malformed line, or 0 */
} tab;

static pthread_once_t tab_once = PTHREAD_ONCE_INIT;

/* ---- normalising ------------------------------------------------------- */

/*
 * A name for comparing: lower case, "and" for '&', apostrophes dropped,
 * every other run of punctuation or space one space.  Returns false when
 * it does not fit.
 */
bool osc_authority_normalise(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	bool gap = false; /* a separator since the last word character */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\'')
			continue;
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
			i += 2; /* ’ ‘ */
			continue;
		}
		const char *put;
		size_t pl = 1;
		char low = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		if (c == '&')
			put = "and", pl = 3;
		else if ((low >= 'a' && low <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			put = &low;
		else {
			gap = true;
			continue;
		}
		bool sep = o > 0 && (gap || c == '&');
		if (o + sep + pl >= cap)
			return false;
		if (sep)
			out[o++] = ' ';
		memcpy(out + o, put, pl);
		o += pl;
		gap = c == '&';
	}
	out[o] = '\0';
	return true;
}

/* ---- the table --------------------------------------------------------- */

static int find_key(const char *key)
{
	size_t lo = 0, hi = tab.n_names;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(tab.names[mid].key, key);
		if (c == 0)
			return tab.names[mid].authority;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int by_key(const void *x, const void *y)
{
	return strcmp(((const alias *)x)->key, ((const alias *)y)->key);
}

static const char *trim(const char *s, const char *e, const char **end)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	*end = e;
	return s;
}

static bool add_name(const char *s, size_t n, int owner)
{
	if (tab.n_names == MAX_NAMES)
		return false;
	alias *al = &tab.names[tab.n_names];
	if (!n || !osc_authority_normalise(s, n, al->key, sizeof al->key) || !al->key[0])
		return false;
	al->authority = owner;
	tab.n_names++;
	return true;
}

/* The successors' names of a line, resolved once every name is known. */
typedef struct pending {
	int authority;
	const char *s, *e;
} pending;

static bool parse_line(const char *s, const char *e, pending *p, size_t *np)
{
	if (tab.n == MAX_AUTHORITIES)
		return false;
	const char *gt = memchr(s, '>', (size_t)(e - s));
	const char *names_end = gt ? gt : e;
	authority *au = &tab.a[tab.n];
	memset(au, 0, sizeof *au);
	int idx = (int)tab.n;
	bool first = true;
	for (const char *q = s; q <= names_end;) {
		const char *bar = memchr(q, '|', (size_t)(names_end - q));
		const char *stop = bar ? bar : names_end, *te;
		const char *t = trim(q, stop, &te);
		if (te == t || (size_t)(te - t) >= NAME_MAX_LEN)
			return false;
		if (first) {
			memcpy(au->name, t, (size_t)(te - t));
			au->name[te - t] = '\0';
			first = false;
		}
		if (!add_name(t, (size_t)(te - t), idx))
			return false;
		q = stop + 1;
	}
	if (gt) {
		const char *te, *t = trim(gt + 1, e, &te);
		if (te - t < 12 || t[4] != '-' || t[7] != '-' || t[10] != ' ')
			return false;
		memcpy(au->ended, t, 10);
		au->ended[10] = '\0';
		p[*np] = (pending){ idx, t + 11, te };
		(*np)++;
	}
	tab.n++;
	return true;
}

static bool resolve(const pending *p)
{
	authority *au = &tab.a[p->authority];
	for (const char *q = p->s; q < p->e;) {
		const char *semi = memchr(q, ';', (size_t)(p->e - q));
		const char *stop = semi ? semi : p->e, *te;
		const char *t = trim(q, stop, &te);
		char key[NAME_MAX_LEN];
		if (au->n_successors == MAX_SUCCESSORS ||
		    !osc_authority_normalise(t, (size_t)(te - t), key, sizeof key))
			return false;
		int k = find_key(key);
		if (k < 0 || k == p->authority)
			return false;
		au->successor[au->n_successors++] = k;
		q = stop + 1;
	}
	return au->n_successors > 0;
}

static void load(void)
{
	static pending p[MAX_AUTHORITIES];
	size_t np = 0;
	const char *s = osc_default_authorities, *end = s + osc_default_authorities_len;
	unsigned line = 0;
	while (s < end && !tab.bad_line) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end, *te;
		line++;
		const char *t = trim(s, e, &te);
		if (t < te && *t != '#' && !parse_line(t, te, p, &np))
			tab.bad_line = line;
		s = e + 1;
	}
	qsort(tab.names, tab.n_names, sizeof *tab.names, by_key);
	for (size_t i = 1; i < tab.n_names && !tab.bad_line; i++)
		if (!strcmp(tab.names[i - 1].key, tab.names[i].key) &&
		    tab.names[i - 1].authority != tab.names[i].authority)
			tab.bad_line = DUPLICATE_NAME;
	for (size_t i = 0; i < np && !tab.bad_line; i++)
		if (!resolve(&p[i]))
			tab.bad_line = line;
}

static void ensure(void)
{
	pthread_once(&tab_once, load);
}

unsigned osc_authorities_check(size_t *n)
{
	ensure();
	if (n)
		*n = tab.n;
	return tab.bad_line;
}

/* ---- lookup ------------------------------------------------------------ */

/* Words of a council's style, not of its name, at either end of it. */
static bool style_word(const char *w, size_t n, bool leading)
{
	static const char *const lead[] = { "the", "london", "royal", "borough", "city",
					    "county", "council", "metropolitan", "of", NULL };
	static const char *const trail[] = { "council", "county", "city", "borough",
					     "metropolitan", "district", "mbc", "of",
					     "trust", "children", "childrens", "families",
					     "and", "services", "corporation", "authority",
					     "local", "unitary", NULL };
	for (const char *const *v = leading ? lead : trail; *v; v++)
		if (strlen(*v) == n && !memcmp(*v, w, n))
			return true;
	return false;
}

static int lookup(const char *name)
{
	char key[NAME_MAX_LEN];
	if (!name || !osc_authority_normalise(name, strlen(name), key, sizeof key))
		return -1;
	char *s = key;
	size_t n = strlen(s);
	for (;;) {
		int k = n ? find_key(s) : -1;
		if (k >= 0)
			return k;
		/* strip one style word: from the front, else from the end */
		char *sp = memchr(s, ' ', n);
		if (sp && style_word(s, (size_t)(sp - s), true)) {
			n -= (size_t)(sp + 1 - s);
			s = sp + 1;
			continue;
		}
		char *last = NULL;
		for (char *q = s + n; q > s; q--)
			if (q[-1] == ' ') {
				last = q;
				break;
			}
		if (last && style_word(last, (size_t)(s + n - last), false)) {
			n = (size_t)(last - 1 - s);
			s[n] = '\0';
			continue;
		}
		return -1;
	}
}

const char *osc_authority_key(const char *name)
{
	ensure();
	if (tab.bad_line)
		return NULL;
	int k = lookup(name);
	return k >= 0 ? tab.a[k].name : NULL;
}

const char *osc_authority_ended(const char *name)
{
	ensure();
	int k = tab.bad_line ? -1 : lookup(name);
	return k >= 0 && tab.a[k].ended[0] ? tab.a[k].ended : NULL;
}

bool osc_authority_succeeds(const char *later, const char *earlier)
{
	ensure();
	if (!later || !earlier || tab.bad_line)
		return false;
	int e = lookup(earlier), l = lookup(later);
	if (e < 0 || l < 0)
		return false;
	for (size_t i = 0; i < tab.a[e].n_successors; i++)
		if (tab.a[e].successor[i] == l)
			return true;
	return false;
}
