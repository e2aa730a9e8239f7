/* dates.h - dates as Ofsted prints them, and day arithmetic (dates.c). */
#ifndef OSC_DATES_H
#define OSC_DATES_H

#include "base.h"

/* Parse "5 February 2019" etc. at s; returns bytes consumed or 0. */
size_t osc_parse_date(const char *s, size_t n, int *day, int *month,
		      int *year);
/* "5 February" at s, and what separates it from a year: the bytes read,
 * or 0 when it is not a day and a month. */
size_t osc_parse_day_month(const char *s, size_t n, int *day, int *month);

/* One day of a list; `range`: a range runs from the previous part to it. */
typedef struct osc_dpart {
	int d, m, y;
	bool range;
} osc_dpart;
/* Parse a list of days such as "24 and 25 April 2018", "29 and 30
 * September, and 1 October 2020", "19 November-30 November 2018": up to
 * `max` parts; stops at the first word that is not part of a date. */
size_t osc_parse_date_list(const char *s, size_t n, osc_dpart *parts, size_t max);

int osc_days_in_month(int m, int y);
/* Days since 1970-01-01 (civil calendar), and back. */
long osc_ymd_to_days(int y, int m, int d);
void osc_days_to_ymd(long z, int *y, int *m, int *d);

#endif
