package live

import (
	"crypto/rand"
	"math/big"
)

// Friendly names for participants who give none: an adjective and an animal,
// in the phone's language. Spanish puts the adjective after the noun and
// agrees in gender, so each animal carries its own form of the adjectives.
var (
	adjectivesEN = []string{"Calm", "Brave", "Bright", "Clever", "Curious", "Gentle", "Happy", "Kind", "Lively", "Lucky", "Patient", "Quick", "Quiet", "Steady", "Sunny", "Swift", "Wise", "Witty", "Bold", "Cheerful"}
	animalsEN    = []string{"Otter", "Falcon", "Panda", "Fox", "Owl", "Dolphin", "Koala", "Heron", "Lynx", "Badger", "Turtle", "Bison", "Hummingbird", "Coyote", "Roadrunner", "Hawk", "Rabbit", "Whale", "Beaver", "Penguin"}

	// Spanish adjectives in masculine / feminine forms.
	adjectivesES = [][2]string{{"Tranquilo", "Tranquila"}, {"Valiente", "Valiente"}, {"Brillante", "Brillante"}, {"Listo", "Lista"}, {"Curioso", "Curiosa"}, {"Amable", "Amable"}, {"Alegre", "Alegre"}, {"Veloz", "Veloz"}, {"Sabio", "Sabia"}, {"Paciente", "Paciente"}, {"Atento", "Atenta"}, {"Sereno", "Serena"}, {"Audaz", "Audaz"}, {"Risueño", "Risueña"}, {"Ingenioso", "Ingeniosa"}, {"Tenaz", "Tenaz"}}
	animalsES    = []struct {
		name     string
		feminine bool
	}{{"Nutria", true}, {"Halcón", false}, {"Panda", false}, {"Zorro", false}, {"Lechuza", true}, {"Delfín", false}, {"Koala", false}, {"Garza", true}, {"Lince", false}, {"Tortuga", true}, {"Colibrí", false}, {"Coyote", false}, {"Correcaminos", false}, {"Ballena", true}, {"Ardilla", true}, {"Águila", true}, {"Conejo", false}, {"Castor", false}, {"Pingüino", false}, {"Abeja", true}}
)

func pick(n int) int {
	v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		return 0
	}
	return int(v.Int64())
}

// FriendlyName returns a generated nickname in lang ("en" or "es").
func FriendlyName(lang string) string {
	if lang == "es" {
		a := animalsES[pick(len(animalsES))]
		adj := adjectivesES[pick(len(adjectivesES))]
		if a.feminine {
			return a.name + " " + adj[1]
		}
		return a.name + " " + adj[0]
	}
	return adjectivesEN[pick(len(adjectivesEN))] + " " + animalsEN[pick(len(animalsEN))]
}
