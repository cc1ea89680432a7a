//go:build amd64 && !purego

#include "go_asm.h"
#include "textflag.h"

// scanWords, as scanWordsGo in scanwords.go says, for amd64 (SSE2, which every amd64 has).
// A word's 16 bytes are classified at once: the letters and digits among them, as a mask
// of 16 bits, give the word's length; its bytes with 0x20 set, masked to that length, its
// term in lower case. The loop keeps its state in registers:
//
//	BX  the word's start          R9   table        R12  rank
//	SI  text+end                  R10  mask<<4      R13  first
//	R8  nseen*2                   R11  seen         R14  asciiClass
//	stop-8(SP)  text+min(end, last+1)
//	X8-X12  the constants of the classification (bytes16)
//
// A slot (aslot) is hash (0), id (8), at (12: the page's stamp and the entry's place in
// seen in units of 8 bytes, as R8 counts); a term of seen (pterm) id (0), rank (4), first
// (8), tf (12).

// bytes16 are 16 copies of each byte the classification adds or compares with. A byte
// plus a bias that takes the first of its range to -128, compared (signed) with the
// bias's value at the range's end + 1, is in the range: one addition and one comparison a
// range.
DATA bytes16<>+0(SB)/8, $0x2020202020202020 // 0x20, set in a letter to lower it
DATA bytes16<>+8(SB)/8, $0x2020202020202020
DATA bytes16<>+16(SB)/8, $0x1f1f1f1f1f1f1f1f // 0x80-'a': 'a'..'z' to -128..-103
DATA bytes16<>+24(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA bytes16<>+32(SB)/8, $0x9a9a9a9a9a9a9a9a // -102
DATA bytes16<>+40(SB)/8, $0x9a9a9a9a9a9a9a9a
DATA bytes16<>+48(SB)/8, $0x5050505050505050 // 0x80-'0': '0'..'9' to -128..-119
DATA bytes16<>+56(SB)/8, $0x5050505050505050
DATA bytes16<>+64(SB)/8, $0x8a8a8a8a8a8a8a8a // -118
DATA bytes16<>+72(SB)/8, $0x8a8a8a8a8a8a8a8a
GLOBL bytes16<>(SB), RODATA|NOPTR, $80

// hashk are hashShort's constants, read from memory by the instructions that use them.
DATA hashk<>+0(SB)/8, $0xe7037ed1a0b428db  // wyp1
DATA hashk<>+8(SB)/8, $0xe6d24d7e0390ae94  // hashSeed
DATA hashk<>+16(SB)/8, $0xa0761d6478bd642f // wyp0
GLOBL hashk<>(SB), RODATA|NOPTR, $24

// firstBytes: the 16 bytes from firstBytes+16-n keep the first n bytes of 16 and clear the
// others.
DATA firstBytes<>+0(SB)/8, $0xffffffffffffffff
DATA firstBytes<>+8(SB)/8, $0xffffffffffffffff
DATA firstBytes<>+16(SB)/8, $0
DATA firstBytes<>+24(SB)/8, $0
GLOBL firstBytes<>(SB), RODATA|NOPTR, $32

// HASHSHORT is hashShort(lo, hi, n) of lo in AX, hi in DX and n in CX: the hash in DX
// (AX is written over).
#define HASHSHORT \
	XORQ hashk<>+0(SB), AX; \
	XORQ hashk<>+8(SB), DX; \
	MULQ DX; \
	XORQ CX, AX; \
	XORQ hashk<>+16(SB), AX; \
	XORQ hashk<>+0(SB), DX; \
	MULQ DX; \
	XORQ AX, DX

// COUNT counts the term of the slot at AX, whose number is in DX: on the page already
// when the slot has the page's stamp, new else (nseen+1). That is told from the slot
// alone, and without a branch on it (which would be mispredicted for every other word):
// seen[nseen] is set to the term, counted 0 times, and then the term's entry, the slot's
// or seen[nseen], is counted once more and named by the slot. CX, DX and DI are written
// over.
#define COUNT \
	MOVL    DX, (R11)(R8*8); \
	MOVL    R12, 4(R11)(R8*8); \
	MOVQ    R13, 8(R11)(R8*8); /* first, and tf 0: R13's high half is zero */ \
	MOVL    12(AX), CX; \
	XORL    stamp+72(FP), CX; /* the entry's place, below 1<<20 when the page has the term */ \
	MOVQ    R8, DI; \
	LEAQ    2(R8), DX; \
	CMPL    CX, $const_atMask; \
	CMOVQLS CX, DI; /* the entry: the slot's, or seen[nseen] */ \
	CMOVQHI DX, R8; /* nseen+1 for a new entry */ \
	INCL    12(R11)(DI*8); /* tf+1, the larger rank, the smaller first position */ \
	CMPL    R12, 4(R11)(DI*8); \
	JLE     2(PC); \
	MOVL    R12, 4(R11)(DI*8); \
	CMPL    R13, 8(R11)(DI*8); \
	JGE     2(PC); \
	MOVL    R13, 8(R11)(DI*8); \
	ORL     stamp+72(FP), DI; \
	MOVL    DI, 12(AX) /* the slot's at: the page's stamp and the entry's place */

// WORDHASH is the AVX-512 way's term of the word of CX bytes at BX+SI: its bytes with 0x20
// (X8) set, the first CX of them, zeros after, hashed as HASHSHORT does into DX.
#define WORDHASH \
	VPOR    (BX)(SI*1), X8, X1; \
	LEAQ    firstBytes<>+16(SB), DX; \
	SUBQ    CX, DX; \
	VPAND   (DX), X1, X2; \
	VMOVQ   X2, AX; \
	VPEXTRQ $1, X2, DX; \
	HASHSHORT

// func scanWords(text *byte, i, end, last int, table *aslot, mask uint64, seen *pterm, nseen int, rank, first int32, stamp uint32) (int, int, int32)
TEXT ·scanWords(SB), NOSPLIT, $432-100
	MOVQ text+0(FP), DI
	MOVQ i+8(FP), BX
	MOVQ end+16(FP), SI
	MOVQ last+24(FP), R8
	INCQ R8
	CMPQ R8, SI
	CMOVQGT SI, R8  // R8 = min(end, last+1), where the loop stops
	CMPQ BX, R8
	JGE  none       // nothing to read (last can be negative)
	ADDQ DI, BX
	ADDQ DI, SI
	ADDQ DI, R8
	MOVQ R8, stop-8(SP)
	MOVQ table+32(FP), R9
	MOVQ mask+40(FP), R10
	SHLQ $4, R10    // a slot's offset is its index<<4
	MOVQ seen+48(FP), R11
	MOVQ nseen+56(FP), R8
	SHLQ $1, R8     // nseen*2: seen's entries are 16 bytes, addressed in units of 8
	MOVL rank+64(FP), R12
	MOVL first+68(FP), R13
	MOVOU bytes16<>+0(SB), X8
	MOVOU bytes16<>+16(SB), X9
	MOVOU bytes16<>+32(SB), X10
	MOVOU bytes16<>+48(SB), X11
	MOVOU bytes16<>+64(SB), X12
	LEAQ  ·asciiClass(SB), R14
	CMPB  ·scanWay(SB), $const_waySSE2
	JNE   wide      // the AVX2 or AVX-512 way, below

loop:
	CMPQ BX, stop-8(SP)
	JAE  done

	// The letters and digits of the 16 bytes. PCMPGTB compares signed bytes: a byte that
	// is not ASCII, biased, is in neither range.
	MOVOU   (BX), X0
	MOVOU   X0, X1
	POR     X8, X1  // the bytes with 0x20 set
	MOVOU   X1, X2
	PADDB   X9, X2
	MOVOU   X10, X3
	PCMPGTB X2, X3  // letters
	MOVOU   X0, X4
	PADDB   X11, X4
	MOVOU   X12, X2
	PCMPGTB X4, X2  // digits
	POR     X3, X2
	PMOVMSKB X2, CX
	NOTL    CX
	BSFL    CX, CX  // n: the first byte that is not a letter or digit (16: none of 16)
	TESTL   CX, CX
	JEQ     noword
	CMPL    CX, $16
	JEQ     done    // 16 bytes or more: not for this loop
	MOVQ    SI, DX
	SUBQ    BX, DX  // the bytes left in the text
	CMPQ    CX, DX
	JLT     after
	MOVQ    DX, CX  // the text's end ends the word
	JMP     word

after:
	// The byte after the word must separate words: an apostrophe or a byte that is not
	// ASCII leaves the word to the general way.
	MOVBLZX (BX)(CX*1), DX
	MOVBLZX (R14)(DX*1), DX
	TESTL   DX, DX
	JNE     done

word:
	// The term: the bytes with 0x20 set, the first n of them, zeros after.
	LEAQ   firstBytes<>+16(SB), DX
	SUBQ   CX, DX
	MOVOU  (DX), X2
	PAND   X1, X2
	MOVQ   X2, AX   // lo
	PSRLDQ $8, X2
	MOVQ   X2, DX   // hi

	HASHSHORT

	// Its slot: open addressing from hash & mask, DI the slot's offset in the table.
	MOVQ DX, DI
	SHLQ $4, DI
	ANDQ R10, DI

probe:
	CMPQ DX, (R9)(DI*1)
	JNE  miss
	LEAQ (R9)(DI*1), AX // the slot
	MOVL 8(AX), DX  // id: 0 in a free slot
	TESTL DX, DX
	JEQ  done       // a term the analyser has not met: analyser.emit's
	DECL DX         // the term's number
	LEAQ 1(BX)(CX*1), BX // past the byte after the word, which ends it
	COUNT
	INCL R13
	JMP  loop

miss:
	CMPL 8(R9)(DI*1), $0
	JEQ  done       // a free slot: a term the analyser has not met
	ADDQ $16, DI
	ANDQ R10, DI
	JMP  probe

noword:
	// No word at BX: a separator is passed, any other byte ends the loop.
	MOVBLZX (BX), DX
	MOVBLZX (R14)(DX*1), DX
	TESTL   DX, DX
	JNE     done
	INCQ    BX
	JMP     loop

done:
	// min(BX, text+end) - text
	CMPQ    BX, SI
	CMOVQHI SI, BX
	SUBQ    text+0(FP), BX
	MOVQ    BX, ret+80(FP)
	SHRQ    $1, R8
	MOVQ    R8, ret1+88(FP)
	MOVL    R13, ret2+96(FP)
	RET

none:
	MOVQ i+8(FP), BX
	MOVQ end+16(FP), SI
	CMPQ BX, SI
	CMOVQGT SI, BX
	MOVQ BX, ret+80(FP)
	MOVQ nseen+56(FP), R12
	MOVQ R12, ret1+88(FP)
	MOVL first+68(FP), R13
	MOVL R13, ret2+96(FP)
	RET

// avxk are the bytes the AVX-512 classification broadcasts: 0x20 (set in a letter to
// lower it), 'a', 26 letters, '0', 10 digits, the apostrophe.
DATA avxk<>+0(SB)/8, $0x0000270a301a6120
GLOBL avxk<>(SB), RODATA|NOPTR, $8

// CLASSIFY takes the 64 bytes in Z16 to bitmasks: R14 their letters ((b|0x20)-'a' < 26,
// unsigned) and digits (b-'0' < 10), AX their apostrophes and bytes that are not ASCII.
#define CLASSIFY \
	VPORQ    Z24, Z16, Z17; \
	VPSUBB   Z25, Z17, Z17; \
	VPCMPUB  $1, Z26, Z17, K2; \
	VPSUBB   Z27, Z16, Z18; \
	VPCMPUB  $1, Z28, Z18, K3; \
	KORQ     K3, K2, K2; \
	VPMOVB2M Z16, K3; \
	VPCMPEQB Z29, Z16, K4; \
	KORQ     K4, K3, K3; \
	KMOVQ    K2, R14; \
	KMOVQ    K3, AX

// The AVX-512 way (wayAVX512: AVX-512 BW and VL, BMI1 and BMI2). 64 bytes from BX, the
// block, are classified at once into bitmasks, and the words are walked in them without
// going back to the bytes: a run of separators costs nothing, and a word's start and
// length come from the masks by a few bit operations, not from a classification of 16
// bytes at each word's start (a chain of about 18 cycles from one word to the next).
// The next block starts at the first word that may go on past the block's end (its run
// of NS reaches it), or past the block when none is left. Anything but a word of fewer
// than 16 letters and digits that a separator ends, before the loop's stop, goes to the
// SSE2 loop from the word's start, which takes it as scanWordsGo does: an apostrophe, a
// byte that is not ASCII, a long word, the last word (the stop's bits are in X: a word
// that runs into the stop goes there).
//
// Tried and dropped (both ways alternated in one process on the 10k library's texts,
// AVX-512/SSE2 CPU a word, min): words walked in windows of 64 bits shifted (SHRD) out of
// masks of 2 KB classified ahead, with no branch on a block's end: 0.78-0.82, this
// 0.74-0.79; finding and hashing a second word ahead to fetch its slot: 0.87; the
// lookahead's hashes in XMM registers, not the stack: no gain.
//
// The AVX2 way (below) walks its blocks with this code: only block tells the two apart.
//
//	BX  the block             R8   nseen*2       R14  M: the bytes not passed yet of NS
//	SI  q, a word's offset    (the others as in the SSE2 loop)
//	NS, the block's bytes that are not separators (letters, digits, apostrophes, bytes
//	that are not ASCII), and every byte from the stop on
//	xmask-16(SP)  X: NS but letters and digits
//	lim-24(SP)    min(64, stop - BX): where a word may start in the block
//	rend-32(SP)   text+last+16: the bytes before it may be read
//	tend-40(SP)   text+end
//	nfound-48(SP)  the number of the block's words found, to count
//	why-56(SP), after-64(SP)  what comes after them, and where (wfound)
//	buf-144(SP)   64 bytes: the AVX2 way's last block
//	hb-400(SP), qb-432(SP)  the hashes and offsets of the words found: 32 at most
//
// wide sets up the AVX2 and AVX-512 ways.
wide:
	MOVQ text+0(FP), DI
	MOVQ last+24(FP), AX
	LEAQ 16(DI)(AX*1), AX
	MOVQ AX, rend-32(SP)
	MOVQ SI, tend-40(SP)
	CMPB ·scanWay(SB), $const_wayAVX512
	JNE  avx2
	VPBROADCASTB avxk<>+0(SB), Z24
	VPBROADCASTB avxk<>+1(SB), Z25
	VPBROADCASTB avxk<>+2(SB), Z26
	VPBROADCASTB avxk<>+3(SB), Z27
	VPBROADCASTB avxk<>+4(SB), Z28
	VPBROADCASTB avxk<>+5(SB), Z29

block:
	// A block before the stop's: all of it may be read, and none of it is past the stop.
	MOVQ stop-8(SP), CX
	SUBQ BX, CX
	CMPB ·scanWay(SB), $const_wayAVX512
	JNE  block2     // the AVX2 way's
	CMPQ CX, $64
	JLT  lastblock
	VMOVDQU64 (BX), Z16
	CLASSIFY

fullblock:
	// The AVX2 way's whole blocks come here too.
	MOVQ AX, xmask-16(SP)
	ORQ  AX, R14
	MOVQ $64, lim-24(SP)
	JMP  wloop

lastblock:
	// The bytes that may be read of 64, the others read as zeros (separators).
	MOVQ    rend-32(SP), AX
	SUBQ    BX, AX
	MOVL    $64, DX
	CMPQ    AX, DX
	CMOVQHI DX, AX
	MOVQ    $-1, DX
	BZHIQ   AX, DX, DX
	KMOVQ   DX, K1
	VMOVDQU8.Z (BX), K1, Z16
	CLASSIFY

laststop:
	// The bytes from the stop on (CX, the stop's offset, is less than 64); the AVX2 way's
	// last block comes here too.
	MOVQ    $-1, DX
	SHLXQ   CX, DX, DX
	ORQ     DX, AX
	MOVQ    AX, xmask-16(SP)
	ORQ     AX, R14
	MOVQ    CX, lim-24(SP)

wloop:
	// The block's words are found and hashed first, their slots fetched, and then
	// counted: the count of a word waits for its slot, and the slots of the block's
	// words (about 10) are then on their way together. Fetched one word ahead (until
	// 7 December), a word's slot was often still on its way when its count began.
	XORL DI, DI             // the words found: hb and qb

wfind:
	TZCNTQ R14, SI          // the next byte that is not a separator (64: none)
	CMPQ   SI, lim-24(SP)
	JAE    wfound0
	// The run of NS from SI, the word, is cleared from M by adding its lowest bit: the
	// carry stops at the byte after it, a separator (or past the block's end).
	BLSIQ  R14, DX
	ADDQ   R14, DX
	JCS    wfound1          // the run goes on to the block's end
	ANDNQ  R14, DX, AX      // the run
	TESTQ  AX, xmask-16(SP)
	JNE    wfound2          // not all letters and digits, or running into the stop
	TZCNTQ DX, CX
	SUBQ   SI, CX           // n
	CMPQ   CX, $16
	JAE    wfound2
	ANDQ   DX, R14

	// The term: the bytes with 0x20 set, the first n of them, zeros after.
	WORDHASH

	MOVQ DX, hb-400(SP)(DI*8)
	MOVB SI, qb-432(SP)(DI*1)
	INCL DI
	SHLQ $4, DX
	ANDQ R10, DX
	PREFETCHT0 (R9)(DX*1)
	JMP  wfind

wfound0:
	// Where the words found stop, and what comes after them: no word before lim (0), a
	// word that may go on past the block (1), a word for the SSE2 loop (2).
	MOVQ $0, why-56(SP)
	JMP  wfound
wfound1:
	MOVQ $1, why-56(SP)
	JMP  wfound
wfound2:
	MOVQ $2, why-56(SP)
wfound:
	MOVQ SI, after-64(SP)
	MOVQ DI, nfound-48(SP)
	XORL SI, SI             // the word counted: hb[SI]
	TESTQ DI, DI
	JEQ  wafter

wcount:
	MOVQ hb-400(SP)(SI*8), DX
	// Its slot: its first or, when that holds another hash, the next, chosen without a
	// branch (one mispredicted for 8% of the words of the 10k library: 3% need more).
	MOVQ DX, DI
	SHLQ $4, DI
	ANDQ R10, DI
	LEAQ 16(DI), AX
	ANDQ R10, AX
	CMPQ DX, (R9)(DI*1)
	CMOVQNE AX, DI

wprobe:
	CMPQ DX, (R9)(DI*1)
	JNE  wmiss
	LEAQ (R9)(DI*1), AX // the slot
	MOVL 8(AX), DX
	DECL DX         // the term's number; -1 for a free slot, a term the analyser has not met
	JS   wstop
	COUNT
	INCL R13
	INCQ SI
	CMPQ SI, nfound-48(SP)
	JCS  wcount

wafter:
	MOVQ after-64(SP), SI
	MOVQ why-56(SP), AX
	TESTQ AX, AX
	JEQ  wnext
	CMPQ AX, $1
	JEQ  wcross
	JMP  wbail

wmiss:
	CMPL 8(R9)(DI*1), $0
	JEQ  wstop
	ADDQ $16, DI
	ANDQ R10, DI
	JMP  wprobe

wnext:
	// No word starts before lim: the next block starts at SI, unless that is the stop.
	ADDQ SI, BX
	CMPQ BX, stop-8(SP)
	JCS  block
	JMP  wdone

wcross:
	// A word that may go on past the block starts the next one, unless it starts this
	// one: 64 letters and digits.
	TESTQ SI, SI
	JEQ   wbail
	ADDQ  SI, BX
	JMP   block

wbail:
	// The SSE2 loop takes the word at SI.
	ADDQ  SI, BX
	MOVQ  tend-40(SP), SI
	LEAQ  ·asciiClass(SB), R14
	VZEROUPPER
	JMP   loop

wstop:
	MOVBQZX qb-432(SP)(SI*1), SI
	ADDQ    SI, BX

wdone:
	MOVQ  tend-40(SP), SI
	VZEROUPPER
	JMP   done

// CLASSIFY2 is CLASSIFY in AVX2, of the 64 bytes in Y0 and Y3: R14 their letters and
// digits, AX their apostrophes and bytes that are not ASCII. A range is told as in the
// SSE2 loop, by one addition and one signed comparison (AVX2 compares no unsigned bytes);
// a byte that is not ASCII has its high bit set, which VPMOVMSKB gathers.
#define CLASSIFY2 \
	VPOR      Y8, Y0, Y1; \
	VPADDB    Y9, Y1, Y1; \
	VPCMPGTB  Y1, Y10, Y1; \
	VPADDB    Y11, Y0, Y2; \
	VPCMPGTB  Y2, Y12, Y2; \
	VPOR      Y2, Y1, Y1; \
	VPCMPEQB  Y13, Y0, Y2; \
	VPOR      Y0, Y2, Y2; \
	VPOR      Y8, Y3, Y4; \
	VPADDB    Y9, Y4, Y4; \
	VPCMPGTB  Y4, Y10, Y4; \
	VPADDB    Y11, Y3, Y5; \
	VPCMPGTB  Y5, Y12, Y5; \
	VPOR      Y5, Y4, Y4; \
	VPCMPEQB  Y13, Y3, Y5; \
	VPOR      Y3, Y5, Y5; \
	VPMOVMSKB Y1, R14; \
	VPMOVMSKB Y4, DX; \
	SHLQ      $32, DX; \
	ORQ       DX, R14; \
	VPMOVMSKB Y2, AX; \
	VPMOVMSKB Y5, DX; \
	SHLQ      $32, DX; \
	ORQ       DX, AX

// The AVX2 way (wayAVX2: AVX2, BMI1 and BMI2) is the AVX-512 way but for the blocks'
// bitmasks, made of two halves of 32 bytes, and the last block's bytes, which AVX2 cannot
// load masked: when fewer than 64 may be read, they are copied to buf-144(SP) first, 16 at
// a time (the last 16 ending where they end), and the rest of buf, past the stop, is in X
// whatever it holds. Y8-Y12 hold 32 copies of the bytes of bytes16, so that X8-X12, their
// low halves, are still the SSE2 loop's when it takes a word, and Y13 apostrophes.
//
// On an AMD Zen 3 (2 cores, shared) it takes 21% less CPU a word than the SSE2 way
// (BenchmarkScanWords, both ways in one process, 14 runs: medians 20.2 and 15.7
// cpu-ns/word, each run 14-40% less), and 21% fewer samples of scanWords in builds of the
// 10k library (perf record -F 1999 of 9 pairs of builds, the SSE2 binary and this
// alternated: medians 420 and 339 samples; the other functions' samples the same). Its
// vector instructions are 2-4% of those; it waits on the slots and the entries of seen.
// Tried there and dropped (samples of scanWords in pairs of builds alternated, medians):
// reading the entry at min(at, nseen), as the SSE2 loop does, not at its place, which
// may be a stale entry the caches have lost: 381 and 376 samples (16 pairs), and no
// change in BenchmarkScanWords; fetching the slots of all a block's words once it is
// classified (each word hashed twice): 13% more samples (10 pairs), 15% more CPU a word
// in BenchmarkScanWords.
//
// Since 7 December the slot's stamp alone tells whether the page has the term (COUNT), and
// a block's words are all found and hashed, their slots fetched, before they are counted
// (wloop), each word hashed once. Against the loop before, on the 10k library (the
// machine's other core building most of the time): BenchmarkScanWords, 20 pairs of runs
// alternated, medians 16.1 and 13.9 cpu-ns/word (runs 11.9-19.4 and 12.0-15.0; the pairs'
// ratios 0.81-1.03 for the middle half, median 0.88; the SSE2 way 19.6 and 19.2); samples
// of scanWords in builds of the 10k library (perf record -F 1999, 6 pairs of builds
// alternated), medians 374 and 305 (4.9% and 4.3% of the builds' samples; the pairs'
// ratios 0.71-1.06). What it saves is waiting for slots, which the other core's work makes
// longer: in the 4 pairs where the loop before read lowest (11.9-12.5, the machine quiet),
// this read 5-14% more (not, it seems, for the batches' loops' ends: see the ring below).
// Tried and dropped (both built into one test binary, alternated AB then BA, medians of
// 20-30 pairs' ratios): the batch spanning two blocks, 5% more CPU a word; each page's
// first count of a term kept apart from its later ones (counted into a spare entry, the
// new entry written after), 1.5% more; the slots' offsets kept with the hashes, 4% more;
// the stamp in a register, 3.6% more; the loops aligned to 32 bytes, 3% more; PREFETCHT1,
// no change (0.96 and 1.01 in two sets), PREFETCHNTA 2.7% more; the body's counts leaving
// rank and first alone, 12% more; counting down to the batch's end, no change; a ring of
// the words found, each counted once 4, 6 or 8 more are found, across blocks (so that the
// loop ends once a block, as before the batches), 2.5% more, no change (0.78, 0.90, 1.01,
// 1.03 in four sets) and 0.7% more. Changes of a few instructions move it by a few percent
// either way.
// How much of it is still waiting for slots (BenchmarkScanLatency, 2,000 pages of the 10k
// library, 15 rounds alternated, 7 December): the same texts with 64 words of each length,
// every slot in the L1 cache and 2% off their hash's place (8% in the real table), took
// 0.85 and 0.90 of the real texts' CPU a word in two runs; the real texts in a table 16
// times larger (8 MB), 1.14 and 1.10. Without the PREFETCHT0 the few words took 0.79-0.85
// of the real texts' (3 runs). Tried and dropped then: a block's words counted once the
// next block's are found and their slots fetched (two sets of hashes on the stack, a block
// pending). Alternated with this loop in one process (BenchmarkScanWords' texts, rounds of
// 10 passes), it took 2-13% less CPU a word while the other core was idle (about 10.4
// against 11.3) and 0-11% more while it was busy (14.7 against 13.9, the rounds' median
// ratio 1.06); binaries alternated, 6 pairs, the other core mostly busy: 15.2 against 13.9
// cpu-ns/word; in builds of the 10k library (perf record -F 1999, 10 pairs alternated),
// whose render workers keep the other core busy, samples of scanWords: medians 281
// (pipelined) and 287, the pairs' ratios (pipelined to this) median 1.03.
avx2:
	VPBROADCASTB bytes16<>+0(SB), Y8
	VPBROADCASTB bytes16<>+16(SB), Y9
	VPBROADCASTB bytes16<>+32(SB), Y10
	VPBROADCASTB bytes16<>+48(SB), Y11
	VPBROADCASTB bytes16<>+64(SB), Y12
	VPBROADCASTB avxk<>+5(SB), Y13
	JMP block

block2:
	CMPQ CX, $64
	JLT  lastblock2
	VMOVDQU (BX), Y0
	VMOVDQU 32(BX), Y3
	CLASSIFY2
	JMP  fullblock

lastblock2:
	// The bytes that may be read: 16 at least (the stop is at most last+1).
	MOVQ rend-32(SP), AX
	SUBQ BX, AX
	CMPQ AX, $64
	JAE  lastload2
	LEAQ buf-144(SP), DI
	VMOVDQU -16(BX)(AX*1), X0
	VMOVDQU X0, -16(DI)(AX*1)
	VMOVDQU (BX), X0
	VMOVDQU X0, (DI)
	CMPQ    AX, $32
	JLT     lastcopied2
	VMOVDQU 16(BX), X0
	VMOVDQU X0, 16(DI)
	CMPQ    AX, $48
	JLT     lastcopied2
	VMOVDQU 32(BX), X0
	VMOVDQU X0, 32(DI)

lastcopied2:
	VMOVDQU (DI), Y0
	VMOVDQU 32(DI), Y3
	JMP     lastclass2

lastload2:
	VMOVDQU (BX), Y0
	VMOVDQU 32(BX), Y3

lastclass2:
	CLASSIFY2
	JMP laststop
