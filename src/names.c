/*
 * names.c - every enum's names in one table each: the ids the output
 * contract uses (docs/output-contract.md), the labels people read, and the
 * library's version.
 */
#include "base.h"

#include <string.h>

const char *osc_version(void)
{
	return OSC_VERSION;
}

const char *osc_format_name(osc_format f)
{
	static const char *const n[] = { "auto", "text", "markdown", "html", "pdf" };
	return (unsigned)f < OSC_ARRAY_LEN(n) ? n[f] : "unknown";
}

const char *osc_kind_name(osc_kind k)
{
	static const char *const n[] = { "unknown", "focused_visit", "monitoring_visit",
					 "jtai", "inspection_report", "news_summary" };
	return (unsigned)k < OSC_ARRAY_LEN(n) ? n[k] : "unknown";
}

const char *osc_section_name(osc_section s)
{
	static const char *const n[] = { "improvements", "priority_actions", "findings" };
	return (unsigned)s < OSC_ARRAY_LEN(n) ? n[s] : "unknown";
}

const char *osc_polarity_name(osc_polarity p)
{
	static const char *const n[] = { "neutral", "strength", "concern", "mixed" };
	return (unsigned)p < OSC_ARRAY_LEN(n) ? n[p] : "neutral";
}

const char *osc_status_name(osc_status st)
{
	static const char *const n[] = { "ok", "out of memory", "invalid argument",
					 "unreadable input", "bad rules", "match limit",
					 "write refused" };
	return (unsigned)st < OSC_ARRAY_LEN(n) ? n[st] : "error";
}

bool osc_polarity_parse(const char *name, osc_polarity *p)
{
	for (int i = 0; name && i < OSC_POLARITY_COUNT; i++)
		if (strcmp(name, osc_polarity_name((osc_polarity)i)) == 0) {
			*p = (osc_polarity)i;
			return true;
		}
	return false;
}

const char *osc_area_id(osc_area a)
{
	static const char *const ids[] = {
		[OSC_AREA_OVERALL] = "overall_effectiveness",
		[OSC_AREA_IMPACT_OF_LEADERS] = "impact_of_leaders",
		[OSC_AREA_HELP_AND_PROTECTION] = "help_and_protection",
		[OSC_AREA_IN_CARE_AND_CARE_LEAVERS] = "in_care_and_care_leavers",
		[OSC_AREA_IN_CARE] = "in_care",
		[OSC_AREA_CARE_LEAVERS] = "care_leavers",
		[OSC_AREA_ADOPTION] = "adoption",
	};
	return (unsigned)a < OSC_ARRAY_LEN(ids) ? ids[a] : "?";
}

const char *osc_grade_id(osc_grade g)
{
	static const char *const ids[] = {
		[OSC_GRADE_OUTSTANDING] = "outstanding",
		[OSC_GRADE_GOOD] = "good",
		[OSC_GRADE_REQUIRES_IMPROVEMENT] = "requires_improvement",
		[OSC_GRADE_INADEQUATE] = "inadequate",
	};
	return (unsigned)g < OSC_ARRAY_LEN(ids) ? ids[g] : "?";
}

const char *osc_area_label(osc_area a)
{
	static const char *const labels[] = {
		[OSC_AREA_OVERALL] = "Overall effectiveness",
		[OSC_AREA_IMPACT_OF_LEADERS] = "Impact of leaders",
		[OSC_AREA_HELP_AND_PROTECTION] = "Help and protection",
		[OSC_AREA_IN_CARE_AND_CARE_LEAVERS] = "Children in care and care leavers",
		[OSC_AREA_IN_CARE] = "Children in care",
		[OSC_AREA_CARE_LEAVERS] = "Care leavers",
		[OSC_AREA_ADOPTION] = "Adoption performance",
	};
	return (unsigned)a < OSC_ARRAY_LEN(labels) ? labels[a] : "?";
}

const char *osc_grade_label(osc_grade g)
{
	static const char *const labels[] = {
		[OSC_GRADE_OUTSTANDING] = "outstanding", [OSC_GRADE_GOOD] = "good",
		[OSC_GRADE_REQUIRES_IMPROVEMENT] = "requires improvement to be good",
		[OSC_GRADE_INADEQUATE] = "inadequate",
	};
	return (unsigned)g < OSC_ARRAY_LEN(labels) ? labels[g] : "?";
}

const char *osc_verdict_name(osc_verdict v)
{
	static const char *const names[] = {
		[OSC_VERDICT_KEPT] = "kept", [OSC_VERDICT_BELOW_THRESHOLD] = "below the threshold",
		[OSC_VERDICT_NO_ANCHOR] = "no anchor phrase", [OSC_VERDICT_PASSING] = "passing mention",
		[OSC_VERDICT_OVER_MAX] = "over max-themes",
		[OSC_VERDICT_MODEL_BELOW_CUT] = "below the model's cut",
	};
	return (unsigned)v < OSC_ARRAY_LEN(names) ? names[v] : "?";
}

const char *osc_match_kind_name(osc_match_kind k)
{
	static const char *const names[] = {
		[OSC_MATCH_KIND_THEME] = "theme", [OSC_MATCH_KIND_EXCLUDE] = "exclude",
		[OSC_MATCH_KIND_STRENGTH] = "strength", [OSC_MATCH_KIND_CONCERN] = "concern",
		[OSC_MATCH_KIND_CONTRAST] = "contrast", [OSC_MATCH_KIND_NEGATOR] = "negator",
		[OSC_MATCH_KIND_NEUTRAL] = "neutral",
	};
	return (unsigned)k < OSC_ARRAY_LEN(names) ? names[k] : "?";
}
