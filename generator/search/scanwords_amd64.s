//go:build amd64 && !purego

#include "textflag.h"

// scanWords, as scanWordsGo in scanwords.go says, for amd64 (SSE2, which every amd64 has).
// A word's 16 bytes are classified at once: the letters and digits among them, as a mask
// of 16 bits, give the word's length; its bytes with 0x20 set, masked to that length, its
// term in lower case. The loop keeps its state in registers:
//
//	BX  the word's start          R9   table        R12  rank
//	SI  text+end                  R10  mask<<4      R13  first
//	R8  &seen[nseen]              R11  seen         R14  asciiClass
//	stop-8(SP)  text+min(end, last+1)
//	X8-X12  the constants of the classification (bytes16)
//
// A slot (aslot) is hash (0), id (8), at (12, in bytes); a term of seen (pterm) id (0),
// rank (4), first (8), tf (12).

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

// func scanWords(text *byte, i, end, last int, table *aslot, mask uint64, seen *pterm, nseen int, rank, first int32) (int, int, int32)
TEXT ·scanWords(SB), NOSPLIT, $8-92
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
	SHLQ $4, R8
	ADDQ R11, R8    // &seen[nseen]
	MOVL rank+64(FP), R12
	MOVL first+68(FP), R13
	MOVOU bytes16<>+0(SB), X8
	MOVOU bytes16<>+16(SB), X9
	MOVOU bytes16<>+32(SB), X10
	MOVOU bytes16<>+48(SB), X11
	MOVOU bytes16<>+64(SB), X12
	LEAQ  ·asciiClass(SB), R14

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

	// hashShort(lo, hi, n).
	XORQ hashk<>+0(SB), AX
	XORQ hashk<>+8(SB), DX
	MULQ DX         // DX:AX = (lo^wyp1) * (hi^hashSeed)
	XORQ CX, AX
	XORQ hashk<>+16(SB), AX
	XORQ hashk<>+0(SB), DX
	MULQ DX
	XORQ AX, DX     // the hash

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

	// Counted without a branch on whether the page has the term already, which is as
	// likely as not (a branch mispredicted for every other word): seen[nseen] is set
	// to the term, counted 0 times, then the term's entry, seen[at] when that is the
	// term's and seen[nseen] else, is counted once more.
	MOVL DX, (R8)
	MOVL R12, 4(R8)
	MOVL R13, 8(R8)
	MOVL $0, 12(R8)
	MOVL 12(AX), CX // at, in bytes: -1 (past any entry) for a term new to the page
	ADDQ R11, CX    // &seen[at]
	CMPQ CX, R8
	CMOVQCC R8, CX  // at or past seen[nseen]: seen[nseen]
	CMPL DX, (CX)
	CMOVQNE R8, CX  // another term's: seen[nseen]
	INCL 12(CX)     // tf+1, the larger rank, the smaller first position
	CMPL R12, 4(CX)
	JLE  2(PC)
	MOVL R12, 4(CX)
	CMPL R13, 8(CX)
	JGE  2(PC)
	MOVL R13, 8(CX)
	LEAQ 16(R8), DX
	CMPQ CX, R8
	CMOVQEQ DX, R8  // nseen+1 for a new entry
	SUBQ R11, CX
	MOVL CX, 12(AX) // the slot's at: the entry's place
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
	MOVQ    BX, ret+72(FP)
	SUBQ    R11, R8
	SHRQ    $4, R8
	MOVQ    R8, ret1+80(FP)
	MOVL    R13, ret2+88(FP)
	RET

none:
	MOVQ i+8(FP), BX
	MOVQ end+16(FP), SI
	CMPQ BX, SI
	CMOVQGT SI, BX
	MOVQ BX, ret+72(FP)
	MOVQ nseen+56(FP), R12
	MOVQ R12, ret1+80(FP)
	MOVL first+68(FP), R13
	MOVL R13, ret2+88(FP)
	RET
