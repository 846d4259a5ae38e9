package secretsnix

// TokKind classifies a token.
type TokKind uint8

// Token kinds. Literal parts of strings and paths are tokens of their own so
// that the token stream, printed back, is exactly the source.
const (
	TEOF TokKind = iota
	TIllegal
	TID
	TInt
	TFloat
	TPath        // ./a/b, /abs, a/b (no interpolation)
	THPath       // ~/a
	TSPath       // <nixpkgs>
	TURI         // http://x
	TPathStart   // ./a/ directly followed by ${
	TPathPart    // literal run inside an interpolated path
	TPathEnd     // zero-width end of an interpolated path
	TStrOpen     // "
	TStrClose    // "
	TStrPart     // literal run inside "..."
	TIndOpen     // ''
	TIndClose    // ''
	TIndPart     // literal run inside ''...'' (subject to indentation stripping)
	TIndEsc      // ''$ ''' ''\x $ ' inside ''...'' (not subject to stripping)
	TDollarCurly // ${
	TIf
	TThen
	TElse
	TAssert
	TWith
	TLet
	TIn
	TRec
	TInherit
	TOr
	TLBrace
	TRBrace
	TLBrack
	TRBrack
	TLParen
	TRParen
	TSemi
	TColon
	TDot
	TComma
	TQuestion
	TAt
	TAssign
	TEllipsis
	TEq
	TNeq
	TLt
	TGt
	TLeq
	TGeq
	TAnd
	TOrOr
	TImpl
	TUpdate
	TConcat
	TPlus
	TMinus
	TStar
	TSlash
	TNot
	TPipeInto // |> (Nix 2.24+)
	TPipeFrom // <| (Nix 2.24+)
)

var tokNames = [...]string{
	TEOF: "end of file", TIllegal: "invalid token", TID: "ID", TInt: "INT", TFloat: "FLOAT",
	TPath: "PATH", THPath: "HPATH", TSPath: "SPATH", TURI: "URI", TPathStart: "PATH",
	TPathPart: "STR", TPathEnd: "PATH_END", TStrOpen: "'\"'", TStrClose: "'\"'", TStrPart: "STR",
	TIndOpen: "IND_STRING_OPEN", TIndClose: "IND_STRING_CLOSE", TIndPart: "IND_STR", TIndEsc: "IND_STR",
	TDollarCurly: "'${'", TIf: "IF", TThen: "THEN", TElse: "ELSE", TAssert: "ASSERT", TWith: "WITH",
	TLet: "LET", TIn: "IN", TRec: "REC", TInherit: "INHERIT", TOr: "OR_KW", TLBrace: "'{'",
	TRBrace: "'}'", TLBrack: "'['", TRBrack: "']'", TLParen: "'('", TRParen: "')'", TSemi: "';'",
	TColon: "':'", TDot: "'.'", TComma: "','", TQuestion: "'?'", TAt: "'@'", TAssign: "'='",
	TEllipsis: "ELLIPSIS", TEq: "EQ", TNeq: "NEQ", TLt: "'<'", TGt: "'>'", TLeq: "LEQ", TGeq: "GEQ",
	TAnd: "AND", TOrOr: "OR", TImpl: "IMPL", TUpdate: "UPDATE", TConcat: "CONCAT", TPlus: "'+'",
	TMinus: "'-'", TStar: "'*'", TSlash: "'/'", TNot: "'!'",
	TPipeInto: "'|>'", TPipeFrom: "'<|'",
}

func (k TokKind) String() string {
	if int(k) < len(tokNames) {
		return tokNames[k]
	}
	return "token"
}

// Token is a lexeme: Src[Start:End] is the token text. Tokens tile the
// source: the trivia (whitespace, comments) before token i is
// Src[Tokens[i-1].End:Tokens[i].Start] (from 0 for the first token), so
// it is not stored. Offsets are int32 and the kind a byte, 12 bytes a
// token rather than 32: a big file has hundreds of thousands of tokens,
// and the array was the largest single allocation of a parse.
type Token struct {
	Start, End int32
	Kind       TokKind
}

// tokLead returns where the trivia before token i begins.
func tokLead(toks []Token, i int) int {
	if i == 0 {
		return 0
	}
	return int(toks[i-1].End)
}

// maxSrc is the largest source parse accepts: token offsets are int32.
const maxSrc = 1<<31 - 1
