package handlers

import (
	"math"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/time/rate"

	"github.com/roundtable-kit/roundtable/errcode"
)

// Limits are the per-source limits on joining (SECURITY.md). A source is
// an IPv4 address or an IPv6 /64. A whole class behind one school NAT
// address is one source, so the join burst is a class and more; what it
// stops is a script that fills a room or walks the room codes.
type Limits struct {
	// Joins: join messages a source may send, on average and at once.
	JoinsPerSecond float64
	JoinBurst      int
	// Misses: unknown room codes a source may look up (the phone page or
	// socket). Past them every lookup from that source is refused until
	// the bucket refills, known codes too, so a refusal tells nothing.
	MissesPerSecond float64
	MissBurst       int
}

// DefaultLimits let 600 phones of one address join at once and 20 a
// second after, and 50 mistyped codes at once and one a second after
// (a guesser needs years to find one room among 887 million codes).
var DefaultLimits = Limits{JoinsPerSecond: 20, JoinBurst: 600, MissesPerSecond: 1, MissBurst: 50}

func (l Limits) orDefault() Limits {
	d := DefaultLimits
	if l.JoinsPerSecond > 0 {
		d.JoinsPerSecond = l.JoinsPerSecond
	}
	if l.JoinBurst > 0 {
		d.JoinBurst = l.JoinBurst
	}
	if l.MissesPerSecond > 0 {
		d.MissesPerSecond = l.MissesPerSecond
	}
	if l.MissBurst > 0 {
		d.MissBurst = l.MissBurst
	}
	return d
}

// maxSources bounds the table; past it, sources whose bucket is full again
// (they have been quiet) are forgotten.
const maxSources = 65536

// sourceLimits is a token bucket per source.
type sourceLimits struct {
	every rate.Limit
	burst int
	mu    sync.Mutex
	by    map[netip.Prefix]*rate.Limiter
}

func newSourceLimits(perSecond float64, burst int) *sourceLimits {
	return &sourceLimits{every: rate.Limit(perSecond), burst: burst, by: map[netip.Prefix]*rate.Limiter{}}
}

// sourceOf is the source an address counts as.
func sourceOf(ip string) netip.Prefix {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return netip.Prefix{}
	}
	a = a.Unmap()
	if a.Is4() {
		return netip.PrefixFrom(a, 32)
	}
	p, _ := a.Prefix(64)
	return p
}

func (l *sourceLimits) limiter(src netip.Prefix, now time.Time) *rate.Limiter {
	lim := l.by[src]
	if lim == nil {
		if len(l.by) >= maxSources {
			for k, v := range l.by {
				if v.TokensAt(now) >= float64(l.burst) {
					delete(l.by, k)
				}
			}
		}
		lim = rate.NewLimiter(l.every, l.burst)
		l.by[src] = lim
	}
	return lim
}

// take spends one token of src; if there is none it spends nothing and
// says how long until there is.
func (l *sourceLimits) take(src netip.Prefix) (ok bool, retry time.Duration) {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	r := l.limiter(src, now).ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// spent reports whether src has no token left, without spending one.
func (l *sourceLimits) spent(src netip.Prefix) (bool, time.Duration) {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	lim := l.by[src]
	if lim == nil {
		return false, 0
	}
	if t := lim.TokensAt(now); t < 1 {
		return true, time.Duration((1 - t) / float64(l.every) * float64(time.Second))
	}
	return false, 0
}

// retrySeconds is a Retry-After value: whole seconds, at least one.
func retrySeconds(d time.Duration) int { return max(1, int(math.Ceil(d.Seconds()))) }

// tooMany is a refusal that says when to try again, as Retry-After and in
// the body's retry_after.
func tooMany(c *fiber.Ctx, e *errcode.Error, d time.Duration) error {
	s := retrySeconds(d)
	c.Set(fiber.HeaderRetryAfter, strconv.Itoa(s))
	return e.WithFields(map[string]any{"retry_after": s})
}

// roomLookup guards a room code lookup (the phone page, the phone socket):
// a source that looked up too many unknown codes is refused every lookup
// until its bucket refills. The caller calls missed when the code turns
// out unknown.
func (h *handler) roomLookup(c *fiber.Ctx) error {
	if spent, d := h.misses.spent(sourceOf(c.IP())); spent {
		return tooMany(c, errcode.TooManyGuesses, d)
	}
	return nil
}

// missed spends a token of the source's misses.
func (h *handler) missed(c *fiber.Ctx) {
	h.misses.take(sourceOf(c.IP()))
}
