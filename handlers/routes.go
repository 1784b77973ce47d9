package handlers

import (
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/recover"
)

// MaxBody bounds every request body (an import's upload); other routes
// take far less (bodyLimitFor).
const MaxBody = 8 << 20

// New builds the app. Every route is in this one function.
func New(d Deps) (*fiber.App, error) {
	h, err := newHandler(d)
	if err != nil {
		return nil, err
	}
	app := fiber.New(fiber.Config{
		AppName: "Roundtable",
		// fasthttp reuses request buffers; Immutable makes every string a
		// handler gets (params, headers, form values) its own copy, so one
		// kept past the handler cannot change under us.
		Immutable:             true,
		DisableStartupMessage: true,
		ErrorHandler:          h.errorHandler,
		BodyLimit:             MaxBody,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           90 * time.Second,
		ReadBufferSize:        8192,
	})
	app.Use(recover.New(), securityHeaders, bodyLimit) // body limits: bodyLimitFor

	// Anyone: health, the phone page and its assets, joining and answering.
	app.Get("/healthz", h.health)
	app.Get("/", h.home)
	app.Get("/j/:code", compress.New(), h.phonePage)
	app.Get("/ws/join/:code", sameOrigin, h.phoneUpgrade, h.phoneSocket())
	app.Get("/static/*", h.static)       // assets and each page's strings, precompressed
	app.Get("/media/:name", h.deckImage) // the image files decks bring with them
	// "Need help?": every phone fetches it once, opened or not (help_get.go).
	app.Get("/help", compress.New(), h.helpGet)
	app.Get("/j/:code/help", compress.New(), h.helpGet)
	app.Get("/static/*", h.static)           // assets and each page's strings, precompressed
	app.Get("/media/:name", h.deckImage)     // the image files decks bring with them
	app.Get("/handouts", h.handoutList)      // the take-home materials, public and printable, precompressed
	app.Get("/handouts/:file", h.handoutGet) // NAME.LANG, e.g. parents.es

	// The presenter's pages: /host?key=KEY logs in with a cookie.
	// Without the cookie these pages answer a page asking for the presenter link.
	app.Get("/favicon.ico", h.favicon)
	app.Get("/host", sameOrigin, compress.New(), h.hostLogin, h.requireHostPage, h.page("host.html"))
	app.Get("/host/decks/new", sameOrigin, compress.New(), h.requireHostPage, h.page("editor.html"))
	app.Get("/host/decks/:id/edit", sameOrigin, compress.New(), h.requireHostPage, h.page("editor.html"))
	app.Get("/host/s/:id", sameOrigin, compress.New(), h.requireHostPage, h.knownSession, h.page("projector.html"))
	app.Get("/host/s/:id/presenter", sameOrigin, compress.New(), h.requireHostPage, h.knownSession, h.page("presenter.html"))
	app.Get("/host/s/:id/report", sameOrigin, compress.New(), h.requireHostPage, h.knownSession, h.page("report.html"))
	app.Get("/host/decks/:id/report", sameOrigin, compress.New(), h.requireHostPage, h.page("deck-report.html"))
	app.Get("/ws/host/:id", sameOrigin, h.requireHostOrRemote, h.hostUpgrade, h.hostSocket())

	// The phone remote: its page (no secret in it) trades the key in its
	// URL's fragment for the rt_remote cookie, which drives that one
	// session through the host socket above and the four routes below
	// (remote.go). These come before the /api group so they are matched
	// first; every other route refuses the remote key.
	app.Get("/remote/s/:id", sameOrigin, compress.New(), h.page("remote.html"))
	app.Post("/remote/s/:id/key", sameOrigin, h.remoteLogin)
	app.Get("/api/sessions/:id", sameOrigin, h.requireHostOrRemote, h.sessionGet)
	app.Post("/api/sessions/:id/next", sameOrigin, h.requireHostOrRemote, h.sessionDrive("next"))
	app.Post("/api/sessions/:id/prev", sameOrigin, h.requireHostOrRemote, h.sessionDrive("prev"))
	app.Post("/api/sessions/:id/reveal", sameOrigin, h.requireHostOrRemote, h.sessionDrive("reveal"))
	app.Post("/api/sessions/:id/goto", sameOrigin, h.requireHostOrRemote, h.sessionDrive("goto"))
	app.Post("/api/sessions/:id/close", sameOrigin, h.requireHostOrRemote, h.sessionDrive("close"))
	app.Post("/api/sessions/:id/open", sameOrigin, h.requireHostOrRemote, h.sessionDrive("open"))
	app.Post("/api/sessions/:id/results", sameOrigin, h.requireHostOrRemote, h.sessionDrive("results"))
	app.Post("/api/sessions/:id/reactions", sameOrigin, h.requireHostOrRemote, h.sessionReactions)

	api := app.Group("/api", sameOrigin, h.requireHost)
	api.Get("/decks", h.deckList)
	api.Post("/decks", h.deckCreate)
	api.Post("/decks/check", h.deckCheck)
	api.Post("/decks/import", h.deckImport)
	api.Get("/decks/:id", h.deckGet)
	api.Put("/decks/:id", h.deckUpdate)
	api.Delete("/decks/:id", h.deckDelete)
	api.Post("/decks/:id/copy", h.deckCopy)
	api.Put("/decks/:id/images/*", h.deckImageUpload)
	api.Get("/decks/:id/export.md", h.deckExport("md"))
	api.Get("/decks/:id/export.gift", h.deckExport("gift"))
	api.Get("/decks/:id/report", h.deckReport(false))
	api.Get("/decks/:id/report.csv", h.deckReport(true))
	api.Get("/handouts", h.handoutsJSON)
	api.Get("/network", h.networkGet)
	api.Post("/network", h.networkSet)
	api.Post("/sessions", h.sessionStart)
	api.Get("/sessions", h.sessionList)
	api.Post("/sessions/:id/end", h.sessionDrive("end"))
	api.Post("/sessions/:id/remote", h.remoteStart)
	api.Delete("/sessions/:id/remote", h.remoteStop)
	api.Get("/contacts", h.contactsGet)
	api.Put("/contacts", h.contactsPut)
	api.Delete("/contacts", h.contactsReset)
	api.Get("/wifi", h.wifiGet)
	api.Put("/wifi", h.wifiSet)
	api.Get("/wifi/qr.png", h.wifiQR)
	api.Post("/sessions/:id/countdown", h.sessionDrive("countdown"))
	api.Post("/sessions/:id/blank", h.sessionDrive("blank"))
	api.Post("/sessions/:id/lock", h.sessionLock(true))
	api.Post("/sessions/:id/unlock", h.sessionLock(false))
	api.Get("/sessions/:id/participants", h.participantList)
	api.Delete("/sessions/:id/participants/:pid", h.participantRemove)
	api.Get("/sessions/:id/qr.png", h.sessionQR)
	api.Get("/sessions/:id/results", h.sessionResults)
	api.Get("/sessions/:id/results.csv", h.sessionResultsCSV)
	api.Get("/sessions/:id/qa", h.qaList)
	api.Post("/sessions/:id/qa", h.qaSet)
	api.Post("/sessions/:id/qa/:qid", h.qaModerate)
	api.Get("/sessions/:id/qa.csv", h.qaCSV)
	api.Get("/sessions/:id/experiences", h.sessionExperiences)
	api.Delete("/sessions/:id", h.sessionDelete)
	api.Delete("/sessions", h.sessionsDelete)
	api.Post("/sessions/:id/practice", h.sessionPractice)
	api.Get("/sessions/:id/slides/:slide/texts", h.sessionTexts)
	api.Post("/sessions/:id/slides/:slide/texts/:pid", h.sessionTextModerate)

	app.Use(func(c *fiber.Ctx) error { return errNotFound })
	return app, nil
}
