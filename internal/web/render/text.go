package render

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"unicode"
)

// Content kept in two languages (titles, summaries, descriptions, names)
// is shown in the reader's language; when only the other language exists
// it is shown in that one, inside an element naming its language (so
// screen readers pronounce it, fonts pick the right glyphs, and the page's
// language check knows it is content) with a small visible marker
// (.xl in style.css). Plain-text spots (<option>, attributes, <title>)
// keep View.Name.

// Text is content with an English and a Chinese version, in the reader's
// language or, marked, in the other. Records that exist only in Chinese
// keep the Chinese text in the English column too (model.Post.Validate,
// model.Project.Validate), so en == zh is read by its script.
func (v *View) Text(en, zh string) template.HTML { return Bilingual(v.L, en, zh) }

// Own is content in one language only, whichever it is (a city or a skill
// as the author typed it): marked by its script when it is Chinese on an
// English page, English on a Chinese page; without the visible marker,
// which is for a fallback: this text has no other version to miss.
func (v *View) Own(s string) template.HTML { return mark(v.L, s, "") }

// OwnList is Own for each item of a list (skills, topics, speakers), joined
// by ", ": a list mixing Chinese and English items marks each English one
// on a Chinese page, where Own of the joined text would mark none.
func (v *View) OwnList(l []string) template.HTML {
	var b strings.Builder
	for i, s := range l {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(mark(v.L, s, "")))
	}
	return template.HTML(b.String())
}

// LangOf is the language of what Name(en, zh) shows, by its script
// ("zh-CN" when it has a Han character, else "en"): for the lang attribute
// of plain-text spots such as <option>, which cannot hold a marked span.
func (v *View) LangOf(en, zh string) string {
	if han, _ := scripts(v.Name(en, zh)); han {
		return "zh-CN"
	}
	return "en"
}

// TM is T with marked content among its arguments: the catalogue's text
// escaped, then each argument inserted as it is when it is template.HTML
// (from Text or Own), escaped otherwise. ("Hello, %s" with a Chinese name
// on an English page.)
func (v *View) TM(key string, args ...any) template.HTML {
	for i, a := range args {
		switch a := a.(type) {
		case template.HTML:
		case string:
			args[i] = template.HTML(html.EscapeString(a))
		default:
			args[i] = template.HTML(html.EscapeString(fmt.Sprint(a)))
		}
	}
	return template.HTML(fmt.Sprintf(html.EscapeString(v.cat.T(v.L, key)), args...))
}

// Code is s as code (a command, a value to type) for TM's arguments: in
// no language, so the page's language check skips it.
func (v *View) Code(s string) template.HTML {
	return template.HTML("<code>" + html.EscapeString(s) + "</code>")
}

// NoticeHTML is Notice for a page: arguments that are not catalogue keys
// (a person's name, a post's title) marked by their language as Own does.
func (rd *Renderer) NoticeHTML(locale, key string, args []string) template.HTML {
	if !rd.Has(key) {
		return ""
	}
	out := make([]any, len(args))
	for i, arg := range args {
		if rd.Has(arg) {
			out[i] = html.EscapeString(rd.T(locale, arg))
		} else {
			out[i] = string(mark(locale, arg, ""))
		}
	}
	return template.HTML(fmt.Sprintf(html.EscapeString(rd.T(locale, key)), out...))
}

// Bilingual is View.Text for a locale ("zh" or anything else, English).
func Bilingual(locale, en, zh string) template.HTML {
	switch {
	case en == zh:
		return mark(locale, zh, "xl")
	case locale == "zh" && zh != "":
		return plain(zh)
	case locale == "zh":
		return mark(locale, en, "xl")
	case en != "":
		// Older records may hold Chinese in the English column.
		return mark(locale, en, "xl")
	}
	return marked("zh-CN", "xl", zh)
}

// mark wraps s in an element naming its language when that is not the
// reader's: Chinese text (any Han character) on an English page; English
// text (Latin letters, no Han) on a Chinese page. class "xl" adds the
// visible marker of a fallback.
func mark(locale, s, class string) template.HTML {
	han, latin := scripts(s)
	switch {
	case locale != "zh" && han:
		return marked("zh-CN", class, s)
	case locale == "zh" && latin && !han:
		return marked("en", class, s)
	}
	return plain(s)
}

func scripts(s string) (han, latin bool) {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			han = true
		case r < 0x250 && unicode.IsLetter(r):
			latin = true
		}
	}
	return han, latin
}

func plain(s string) template.HTML { return template.HTML(html.EscapeString(s)) }

func marked(lang, class, s string) template.HTML {
	if s == "" {
		return ""
	}
	attr := ""
	if class != "" {
		attr = ` class="` + class + `"`
	}
	return template.HTML(`<span lang="` + lang + `"` + attr + `>` + html.EscapeString(s) + `</span>`)
}

// TC is T for help texts that quote what people type (import columns and
// their values): each `backquoted` run of the catalogue's text becomes
// <code>, in no language, so both catalogues can name the columns as the
// file spells them.
func (v *View) TC(key string, args ...any) template.HTML {
	parts := strings.Split(html.EscapeString(v.cat.T(v.L, key, args...)), "`")
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 && i < len(parts)-1 {
			b.WriteString("<code>" + p + "</code>")
		} else {
			if i%2 == 1 {
				b.WriteString("`") // an unpaired backquote stays as typed
			}
			b.WriteString(p)
		}
	}
	return template.HTML(b.String())
}

// TOrCode is the catalogue's text for key when it has one, else fallback
// as code: for recorded identifiers (audit actions) that a reader sees
// translated while new ones, not yet in the catalogue, still show.
func (v *View) TOrCode(key, fallback string) template.HTML {
	if v.cat.Has(key) {
		return template.HTML(html.EscapeString(v.cat.T(v.L, key)))
	}
	return v.Code(fallback)
}
