package handlers

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/roundtable-kit/roundtable/errcode"
)

// pageStrings names, for each page's string module (/static/i18n/{name}.js),
// the catalogue prefixes (or whole keys) its code uses. embed/web/i18n.json stays the one
// source; a page downloads only its share of it (the phone about a third).
// strings_test.go fails when a page names a key its module lacks.
var pageStrings = map[string][]string{
	"phone":       {"phone.", "status.", "lang.", "err.", "notfound.hint"},
	"kinds":       {"pk."},                        // kinds.js, loaded by the phone for the room's voice kinds
	"qa":          {"qa."},                        // qa.js, loaded by the phone when the Q&A first opens
	"notfound":    {"notfound.", "lang.", "err."}, // err.: i18n-dom.js holds errorText
	"host":        {"host.", "lang.", "err.", "phase.", "sev."},
	"editor":      {"ed.", "host.export.", "lang.", "err.", "kind.", "sev."},
	"projector":   {"proj.", "view.", "err.", "status."},               // in the deck's language: no switch
	"presenter":   {"proj.", "pv.", "view.", "err.", "status.", "pc."}, // pc.: presenter-contacts.js
	"report":      {"report.", "view.", "lang.", "err.", "kind.", "phase."},
	"deck-report": {"deckreport.", "report.", "lang.", "err.", "kind."},
	"remote":      {"remote.", "proj.", "pv.phase.", "err.", "status."}, // in the deck's language
	// the phone's reaction bar (reactions.js), imported when reactions are on
	"reactions": {"react."},
	// the phone's rank in a game (phone-game.js), imported when a rank arrives
	"phone-game": {"pg."},
	// the deck's join question (join-question.js), imported when a welcome carries one
	"join-question": {"jq."},
	// "Need help?" (help.js), imported by every phone once its first screen is drawn
	"help": {"help."},
	// a self-paced phone's Back and Next (phone-pace.js), imported when a slide says pace
	"phone-pace": {"pp."},
	// the phone's "Share your experience" (share.js), imported when a welcome offers it
	"share": {"share."},
}

// pageErrors narrows a page's err.* texts to the codes it can be told: a
// phone hears errors only on its socket (PROTOCOL.md), so it does not
// download the presenter's HTTP ones. Texts for no server code (network,
// unknown: the page's own) stay. A page not listed gets every err.* text.
var pageErrors = map[string]errcode.Surface{"phone": errcode.Socket | errcode.Upgrade}

// pageHears reports whether page may show the text of key.
func pageHears(page, key string) bool {
	on, ok := pageErrors[page]
	code, isErr := strings.CutPrefix(key, "err.")
	if !ok || !isErr {
		return true
	}
	e, known := errcode.Lookup(code)
	return !known || e.On&on != 0
}

// stringModule is a JavaScript module exporting the part of the catalogue
// whose keys start with one of the page's prefixes, in every language.
func stringModule(catalog map[string]map[string]string, page string) ([]byte, error) {
	prefixes := pageStrings[page]
	sub := map[string]map[string]string{}
	for lang, all := range catalog {
		m := map[string]string{}
		for k, v := range all {
			if hasAnyPrefix(k, prefixes) && pageHears(page, k) {
				m[k] = v
			}
		}
		sub[lang] = m
	}
	b, err := json.Marshal(sub) // keys sorted: the same bytes (and ETag) every start
	if err != nil {
		return nil, fmt.Errorf("handlers: unable to encode the strings %v: %w", prefixes, err)
	}
	return append(append([]byte("export default "), b...), ";\n"...), nil
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// addStringModules puts each page's string module among the assets.
func addStringModules(assets map[string]*asset, catalog map[string]map[string]string) error {
	names := make([]string, 0, len(pageStrings))
	for n := range pageStrings {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := stringModule(catalog, n)
		if err != nil {
			return err
		}
		p := "/i18n/" + n + ".js"
		assets[p] = newAsset(p, b)
	}
	return nil
}
