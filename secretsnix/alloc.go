package secretsnix

// Parsing a big rules file makes hundreds of thousands of small nodes and
// short slices. Allocating them one by one made malloc and the garbage
// collector the largest cost of LoadRules, so the parser carves them out of
// larger blocks instead. A block stays alive while any node in it does,
// which is fine for a syntax tree: its nodes live and die together.

// slab hands out *T from blocks that double in size, so that small files
// waste little and big ones need few allocations. A *T comes zeroed from
// its block, and callers set only the fields they need, one by one:
// assigning a whole composite literal (*p = T{...}) compiles to a typed
// copy of the struct, whose bulk write barrier (taken while the GC is
// marking, most of a big parse) cost more than the separate stores.
type slab[T any] struct {
	free []T
	next int // size of the next block
}

// Block sizes, in elements. The largest blocks stay under 32 KB for the
// node and slice types used here, so that they are small allocations:
// larger ones take the slower path (heap lock, page-sized zeroing).
const (
	minBlock = 16
	maxBlock = 256
)

func (s *slab[T]) new() *T {
	if len(s.free) == 0 {
		s.next = min(max(2*s.next, minBlock), maxBlock)
		s.free = make([]T, s.next)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}

// slicePool copies short slices into shared blocks. The copies have
// cap == len, so an append to one reallocates rather than overwriting its
// neighbour. Empty slices come back nil, as append-built ones were.
type slicePool[T any] struct {
	free []T
	next int
}

func (s *slicePool[T]) copyOf(xs []T) []T {
	n := len(xs)
	if n == 0 {
		return nil
	}
	if n > maxBlock/2 {
		// Long slices (the bindings of a big attribute set) get their
		// own allocation rather than wasting the rest of a block.
		out := make([]T, n)
		copy(out, xs)
		return out
	}
	if len(s.free) < n {
		s.next = min(max(2*s.next, 4*minBlock), 2*maxBlock)
		s.free = make([]T, s.next)
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	copy(out, xs)
	return out
}

// arena holds the parser's slabs, one per frequent node type.
type arena struct {
	idents   slab[Ident]
	strs     slab[StringLit]
	names    slab[AttrName]
	defs     slab[AttrDef]
	binaries slab[Binary]
	lists    slab[ListLit]
	nesteds  slab[nested]
	descs    slab[attrsDesc]
	selects  slab[Select]
	applies  slab[Apply]

	nodes    slicePool[Node]
	attrPath slicePool[*AttrName]
	parts    slicePool[StrPart]
	statics  slicePool[staticAttr]
}
