package deck

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// frontmatter is what recall takes from a note's YAML frontmatter.
type frontmatter struct {
	end  int      // lines [0,end) are the frontmatter, delimiters included; 0 if none
	tags []string // "tags" and "tag" values, each with a leading '#'
	// review is the note-level schedule (sr-due, sr-interval, sr-ease) when
	// all three keys are present and valid.
	review *SM2Schedule
}

// readFrontmatter finds the frontmatter as the plugin does (line 0 is
// exactly "---" and a later line is exactly "---") and reads its tags and
// note-level schedule. Problems are returned as warnings for line numbers of
// the note (1-based).
func readFrontmatter(ls *lineSource) (frontmatter, []lineWarning) {
	var fm frontmatter
	if len(ls.lines) < 2 || ls.raw(0) != "---" {
		return fm, nil
	}
	close := -1
	for i := 1; i < len(ls.lines); i++ {
		if ls.raw(i) == "---" {
			close = i
			break
		}
	}
	if close < 0 {
		return fm, nil
	}
	fm.end = close + 1
	body := ls.src[ls.lines[1].start:ls.lines[close].start]
	var doc map[string]any
	if err := yaml.Unmarshal([]byte(body), &doc); err != nil {
		return fm, []lineWarning{{1, fmt.Sprintf("frontmatter is not valid YAML (%v); its tags are ignored", yamlMessage(err))}}
	}
	for _, key := range []string{"tags", "tag"} {
		fm.tags = append(fm.tags, yamlTags(doc[key])...)
	}
	review, warn := noteSchedule(doc)
	fm.review = review
	if warn != "" {
		return fm, []lineWarning{{1, warn}}
	}
	return fm, nil
}

// yamlMessage shortens a YAML error to its message.
func yamlMessage(err error) string {
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

// yamlTags turns a frontmatter tags value (a list, or a string of tags
// separated by commas or spaces; '#' optional) into tags with a leading '#'.
func yamlTags(v any) []string {
	var raw []string
	switch t := v.(type) {
	case string:
		raw = strings.FieldsFunc(t, func(r rune) bool { return r == ',' || isJSSpace(r) })
	case []any:
		for _, item := range t {
			if item != nil {
				raw = append(raw, fmt.Sprint(item))
			}
		}
	}
	tags := make([]string, 0, len(raw))
	for _, s := range raw {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !strings.HasPrefix(s, "#") {
			s = "#" + s
		}
		tags = append(tags, s)
	}
	return tags
}

// noteSchedule reads sr-due, sr-interval and sr-ease. All three must be
// present; a missing set is no schedule, a broken one a warning.
func noteSchedule(doc map[string]any) (*SM2Schedule, string) {
	due, okDue := doc["sr-due"]
	interval, okInterval := doc["sr-interval"]
	ease, okEase := doc["sr-ease"]
	if !okDue && !okInterval && !okEase {
		return nil, ""
	}
	if !okDue || !okInterval || !okEase {
		return nil, "note schedule needs all of sr-due, sr-interval and sr-ease; it is ignored"
	}
	d, err := parseCalendarDate(firstScalar(due))
	if err != nil {
		return nil, fmt.Sprintf("sr-due %q is not a valid date; the note schedule is ignored", firstScalar(due))
	}
	iv, err := strconv.ParseFloat(firstScalar(interval), 64)
	if err != nil || iv < 0 {
		return nil, fmt.Sprintf("sr-interval %q is not a number of days; the note schedule is ignored", firstScalar(interval))
	}
	e, err := strconv.ParseFloat(firstScalar(ease), 64)
	if err != nil || e < 0 {
		return nil, fmt.Sprintf("sr-ease %q is not a number; the note schedule is ignored", firstScalar(ease))
	}
	return &SM2Schedule{Due: d, Interval: iv, Ease: int(e + 0.5)}, ""
}

// firstScalar stringifies a YAML value; a list gives its first element.
func firstScalar(v any) string {
	if list, ok := v.([]any); ok {
		if len(list) == 0 {
			return ""
		}
		v = list[0]
	}
	if t, ok := v.(interface{ Format(string) string }); ok {
		return t.Format("2006-01-02")
	}
	return strings.TrimSpace(fmt.Sprint(v))
}
