/*
 * dates.c - dates as Ofsted prints them: "5 February 2019", lists and
 * ranges of days ("24 and 25 April 2018", "19 November-30 November 2018"),
 * and day arithmetic for the civil calendar.
 */
#include "dates.h"
#include "text.h"

#include <string.h>

/* ---- dates ------------------------------------------------------------- */

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A month name or abbreviation ("Sept", "Nov") of `n` letters; 1-12 or 0. */
static int month_of(const char *w, size_t n)
{
	if (n < 3 || n > 9)
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(month_names[m]);
		bool abbrev = n == 3 || (n == 4 && m == 8); /* "Sept" */
		if ((n == full || abbrev) &&
		    n <= full) {
			size_t k = 0;
			while (k < n && (w[k] | 0x20) == month_names[m][k])
				k++;
			if (k == n)
				return m + 1;
		}
	}
	return 0;
}

int osc_days_in_month(int m, int y)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static size_t read_number(const char *s, size_t n, int *v)
{
	size_t i = 0;
	*v = 0;
	while (i < n && is_digit(s[i]) && i < 5)
		*v = *v * 10 + (s[i++] - '0');
	if (i && i < n && is_digit(s[i]))
		return 0;
	/* ordinal suffixes */
	if (i && n - i >= 2 && (osc_starts_with_ci(s + i, 2, "st") || osc_starts_with_ci(s + i, 2, "nd") ||
				osc_starts_with_ci(s + i, 2, "rd") || osc_starts_with_ci(s + i, 2, "th")) &&
	    (n - i == 2 || !is_alpha(s[i + 2])))
		i += 2;
	return i;
}

/* "5 February" at s, and what separates it from a year: the bytes read, or
 * 0 when it is not a day and a month. */
size_t osc_parse_day_month(const char *s, size_t n, int *day, int *month)
{
	size_t i = read_number(s, n, day);
	if (!i || *day < 1 || *day > 31)
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	size_t w = i;
	while (i < n && is_alpha(s[i]))
		i++;
	if (!(*month = month_of(s + w, i - w)))
		return 0;
	if (i < n && s[i] == ',')
		i++;
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

size_t osc_parse_date(const char *s, size_t n, int *day, int *month, int *year)
{
	int d, m, y;
	size_t i = osc_parse_day_month(s, n, &d, &m);
	if (!i)
		return 0;
	size_t k = read_number(s + i, n - i, &y);
	if (!k || y < 1900 || y > 2200 || d > osc_days_in_month(m, y))
		return 0;
	*day = d, *month = m, *year = y;
	return i + k;
}

/* Parse a list of days such as "24 and 25 April 2018", "29 and 30 September,
 * and 1 October 2020", "19 November–30 November 2018", "on the 15 and 16 of
 * May 2018".  Stops at the first word that is not part of a date. */
size_t osc_parse_date_list(const char *s, size_t n, osc_dpart *parts, size_t max)
{
	size_t np = 0, i = 0;
	bool range = false;
	while (i < n) {
		char c = s[i];
		if (c == ' ' || c == ',') {
			i++;
			continue;
		}
		if (is_digit(c)) {
			int v;
			size_t k = read_number(s + i, n - i, &v);
			if (!k)
				break;
			if (v >= 1900 && v <= 2200) {
				for (size_t j = np; j > 0 && !parts[j - 1].y; j--)
					parts[j - 1].y = v;
			} else if (v >= 1 && v <= 31 && np < max) {
				parts[np++] = (osc_dpart){ v, 0, 0, range };
				range = false;
			} else {
				break;
			}
			i += k;
			continue;
		}
		if (c == '-' || (n - i >= 3 && (unsigned char)c == 0xE2 &&
				 (unsigned char)s[i + 1] == 0x80 &&
				 ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))) {
			range = true;
			i += c == '-' ? 1 : 3;
			continue;
		}
		if (!is_alpha(c))
			break;
		size_t w = i;
		while (i < n && is_alpha(s[i]))
			i++;
		size_t wl = i - w;
		int m = month_of(s + w, wl);
		if (m) {
			for (size_t j = np; j > 0 && !parts[j - 1].m; j--)
				parts[j - 1].m = m;
			continue;
		}
		if ((wl == 2 && (osc_starts_with_ci(s + w, 2, "to"))) ||
		    (wl == 5 && osc_starts_with_ci(s + w, 5, "until"))) {
			range = true;
			continue;
		}
		if ((wl == 3 && (osc_starts_with_ci(s + w, 3, "and") || osc_starts_with_ci(s + w, 3, "the"))) ||
		    (wl == 2 && osc_starts_with_ci(s + w, 2, "of")))
			continue;
		i = w;
		break;
	}
	return np;
}

long osc_ymd_to_days(int y, int m, int d)
{
	/* days since 1970-01-01 (civil calendar) */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void osc_days_to_ymd(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}
