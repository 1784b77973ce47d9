package freetext

// stopWords are folded English and Spanish function words a word cloud
// leaves out.
var stopWords = set(
	// English
	"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for",
	"with", "is", "are", "was", "be", "it", "its", "i", "im", "me", "my", "you",
	"your", "we", "our", "they", "them", "he", "she", "his", "her", "this",
	"that", "so", "very", "too", "just", "not", "no", "do", "am", "as", "by",
	// Spanish (folded: "él" is "el", "más" is "mas")
	"el", "la", "los", "las", "un", "una", "unos", "unas", "y", "o", "u", "e",
	"de", "del", "al", "en", "con", "por", "para", "que", "es", "son", "se",
	"lo", "le", "les", "mi", "mis", "tu", "tus", "su", "sus", "yo", "me", "te",
	"nos", "muy", "mas", "pero", "sin", "ni", "si", "ya", "como",
)

// blocked is the built-in floor of obvious abuse, folded, in English and
// Spanish: insults and profanity aimed at people. Identity slurs are held
// back too; they are listed by their common folded spellings.
var blocked = set(
	// English
	"fuck", "fucking", "fucker", "motherfucker", "shit", "bitch", "bitches",
	"bastard", "asshole", "dick", "dickhead", "cunt", "whore", "slut", "pussy",
	"cock", "wanker", "twat", "prick", "retard", "retarded", "faggot", "fag",
	"dyke", "tranny", "nigger", "nigga", "spic", "wetback", "chink", "kike",
	"kys", "stfu",
	// Spanish
	"puta", "puto", "putas", "putos", "pendejo", "pendeja", "cabron", "cabrona",
	"chinga", "chingada", "chingado", "chingar", "verga", "mierda", "culero",
	"culera", "joto", "maricon", "marica", "zorra", "perra", "idiota",
	"imbecil", "estupido", "estupida", "mamon", "mamona", "coño", "cono",
	"gilipollas", "hijueputa", "malparido", "malparida", "naco", "sudaca",
)

func set(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}
