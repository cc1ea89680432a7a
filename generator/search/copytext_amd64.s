//go:build amd64 && !purego

#include "textflag.h"

// copyText, as copyTextGo in copytext.go says, for amd64 (SSE2, which every amd64 has): 16
// bytes at a time are copied, and compared with '<' and '&', while 16 are left; the last
// 16 of n, overlapping those looked at, once; fewer than 16 in all, byte by byte. Every
// 16 stored lie in dst[:n].

DATA ltamp16<>+0(SB)/8, $0x3c3c3c3c3c3c3c3c // '<'
DATA ltamp16<>+8(SB)/8, $0x3c3c3c3c3c3c3c3c
DATA ltamp16<>+16(SB)/8, $0x2626262626262626 // '&'
DATA ltamp16<>+24(SB)/8, $0x2626262626262626
GLOBL ltamp16<>(SB), RODATA|NOPTR, $32

// COPYFIND copies the 16 bytes at SI+AX to DI+AX and goes to found when one of them is
// '<' (X8) or '&' (X9), BX their mask.
#define COPYFIND \
	MOVOU   (SI)(AX*1), X0; \
	MOVOU   X0, (DI)(AX*1); \
	MOVOU   X0, X1; \
	PCMPEQB X8, X0; \
	PCMPEQB X9, X1; \
	POR     X1, X0; \
	PMOVMSKB X0, BX; \
	TESTL   BX, BX; \
	JNE     found

// func copyText(dst, src *byte, n int) int
TEXT ·copyText(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ AX, AX     // k: the bytes copied
	CMPQ CX, $16
	JLT  small
	MOVOU ltamp16<>+0(SB), X8
	MOVOU ltamp16<>+16(SB), X9
	LEAQ  -16(CX), DX // where the last 16 start

loop:
	CMPQ AX, DX
	JA   tail
	COPYFIND
	ADDQ    $16, AX
	JMP     loop

tail:
	// Fewer than 16 left after k: the last 16, of which those before k hold neither.
	CMPQ AX, CX
	JEQ  none
	MOVQ DX, AX
	COPYFIND

none:
	MOVQ CX, ret+24(FP)
	RET

found:
	BSFL BX, BX
	ADDQ BX, AX
	MOVQ AX, ret+24(FP)
	RET

small:
	CMPQ AX, CX
	JEQ  none
	MOVBLZX (SI)(AX*1), BX
	CMPB    BX, $0x3c
	JEQ     sfound
	CMPB    BX, $0x26
	JEQ     sfound
	MOVB    BX, (DI)(AX*1)
	INCQ    AX
	JMP     small

sfound:
	MOVQ AX, ret+24(FP)
	RET
