//go:build amd64 && !purego

#include "textflag.h"

// scanWords, as scanWordsGo in scanwords.go says, for amd64 (SSE2, which every amd64 has).
// A word's 16 bytes are classified at once: the letters and digits among them, as a mask
// of 16 bits, give the word's length; its bytes with 0x20 set, masked to that length, its
// term in lower case. The loop keeps its state in registers:
//
//	BX  the word's start          R9   table        R12  nseen
//	SI  text+end                  R10  mask         R13  first
//	R8  text+min(end, last+1)     R11  seen
//	X8-X12  the bounds the bytes are compared with, X13-X14 the masks of n bytes
//
// A slot (aslot) is hash (0), id (8), at (12); a term of seen (pterm) id (0), rank (4),
// first (8), tf (12).

// bytes16 are 16 copies of each bound the classification compares with.
DATA bytes16<>+0(SB)/8, $0x2020202020202020 // 0x20, set in a letter to lower it
DATA bytes16<>+8(SB)/8, $0x2020202020202020
DATA bytes16<>+16(SB)/8, $0x6060606060606060 // 'a'-1
DATA bytes16<>+24(SB)/8, $0x6060606060606060
DATA bytes16<>+32(SB)/8, $0x7b7b7b7b7b7b7b7b // 'z'+1
DATA bytes16<>+40(SB)/8, $0x7b7b7b7b7b7b7b7b
DATA bytes16<>+48(SB)/8, $0x2f2f2f2f2f2f2f2f // '0'-1
DATA bytes16<>+56(SB)/8, $0x2f2f2f2f2f2f2f2f
DATA bytes16<>+64(SB)/8, $0x3a3a3a3a3a3a3a3a // '9'+1
DATA bytes16<>+72(SB)/8, $0x3a3a3a3a3a3a3a3a
GLOBL bytes16<>(SB), RODATA|NOPTR, $80

// firstBytes: the 16 bytes from firstBytes+16-n keep the first n bytes of 16 and clear the
// others.
DATA firstBytes<>+0(SB)/8, $0xffffffffffffffff
DATA firstBytes<>+8(SB)/8, $0xffffffffffffffff
DATA firstBytes<>+16(SB)/8, $0
DATA firstBytes<>+24(SB)/8, $0
GLOBL firstBytes<>(SB), RODATA|NOPTR, $32

// func scanWords(text *byte, i, end, last int, table *aslot, mask uint64, seen *pterm, nseen int, rank, first int32) (int, int, int32)
TEXT ·scanWords(SB), NOSPLIT, $0-92
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
	MOVQ table+32(FP), R9
	MOVQ mask+40(FP), R10
	MOVQ seen+48(FP), R11
	MOVQ nseen+56(FP), R12
	MOVL first+68(FP), R13
	MOVOU bytes16<>+0(SB), X8
	MOVOU bytes16<>+16(SB), X9
	MOVOU bytes16<>+32(SB), X10
	MOVOU bytes16<>+48(SB), X11
	MOVOU bytes16<>+64(SB), X12

loop:
	CMPQ BX, R8
	JAE  done

	// The letters and digits of the 16 bytes. PCMPGTB compares signed bytes: a byte that
	// is not ASCII is below every bound, and is neither.
	MOVOU   (BX), X0
	MOVOU   X0, X1
	POR     X8, X1  // the bytes with 0x20 set
	MOVOU   X1, X2
	PCMPGTB X9, X2  // > 'a'-1
	MOVOU   X10, X3
	PCMPGTB X1, X3  // < 'z'+1
	PAND    X3, X2  // letters
	MOVOU   X0, X4
	PCMPGTB X11, X4 // > '0'-1
	MOVOU   X12, X5
	PCMPGTB X0, X5  // < '9'+1
	PAND    X5, X4  // digits
	POR     X4, X2
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
	LEAQ    ·asciiClass(SB), AX
	MOVBLZX (AX)(DX*1), DX
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
	MOVQ $0xe7037ed1a0b428db, DI
	XORQ DI, AX
	MOVQ $0xe6d24d7e0390ae94, DI
	XORQ DI, DX
	MULQ DX         // DX:AX = (lo^wyp1) * (hi^hashSeed)
	XORQ CX, AX
	MOVQ $0xa0761d6478bd642f, DI
	XORQ DI, AX
	MOVQ $0xe7037ed1a0b428db, DI
	XORQ DI, DX
	MULQ DX
	XORQ AX, DX     // the hash

	// Its slot: open addressing from hash & mask.
	MOVQ DX, DI
	ANDQ R10, DI

probe:
	MOVQ DI, AX
	SHLQ $4, AX
	ADDQ R9, AX     // the slot
	CMPQ DX, (AX)
	JNE  miss
	MOVL 8(AX), DX  // id: 0 in a free slot
	TESTL DX, DX
	JEQ  done       // a term the analyser has not met: analyser.emit's
	DECL DX         // the term's number
	MOVL 12(AX), DI // at
	CMPQ DI, R12
	JAE  add        // at past seen's end (or -1): the page's first
	SHLQ $4, DI
	ADDQ R11, DI
	CMPL DX, (DI)
	JNE  add        // seen[at] is another term's: the page's first

	// Counted again: tf+1, the larger rank, the smaller first position.
	INCL 12(DI)
	MOVL rank+64(FP), DX
	CMPL DX, 4(DI)
	JLE  2(PC)
	MOVL DX, 4(DI)
	CMPL R13, 8(DI)
	JGE  next
	MOVL R13, 8(DI)
	JMP  next

add:
	// The page's first: seen[nseen] = {id, rank, first, 1}.
	MOVL R12, 12(AX)
	MOVQ R12, DI
	SHLQ $4, DI
	ADDQ R11, DI
	MOVL DX, (DI)
	MOVL rank+64(FP), DX
	MOVL DX, 4(DI)
	MOVL R13, 8(DI)
	MOVL $1, 12(DI)
	INCQ R12

next:
	INCL R13
	LEAQ 1(BX)(CX*1), BX // past the byte after the word, which ends it
	JMP  loop

miss:
	CMPL 8(AX), $0
	JEQ  done       // a free slot: a term the analyser has not met
	INCQ DI
	ANDQ R10, DI
	JMP  probe

noword:
	// No word at BX: a separator is passed, any other byte ends the loop.
	MOVBLZX (BX), DX
	LEAQ    ·asciiClass(SB), AX
	MOVBLZX (AX)(DX*1), DX
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
	MOVQ    R12, ret1+80(FP)
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
