//go:build amd64 && !purego

#include "textflag.h"

// jsonSafeRun, as jsonSafeRunGo in jsonsafe.go says, for amd64 (SSE2): 16 bytes at a time
// are safe when each is above 0x1f and below 0x80 (a signed comparison with 0x1f) and
// none is '\\', '<' or '>' (0x3c and 0x3e, found together with 0x02 set), '"' or '&'
// (0x22 and 0x26, with 0x04 set).

DATA jsonk<>+0(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA jsonk<>+8(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA jsonk<>+16(SB)/8, $0x0202020202020202
DATA jsonk<>+24(SB)/8, $0x0202020202020202
DATA jsonk<>+32(SB)/8, $0x3e3e3e3e3e3e3e3e
DATA jsonk<>+40(SB)/8, $0x3e3e3e3e3e3e3e3e
DATA jsonk<>+48(SB)/8, $0x0404040404040404
DATA jsonk<>+56(SB)/8, $0x0404040404040404
DATA jsonk<>+64(SB)/8, $0x2626262626262626
DATA jsonk<>+72(SB)/8, $0x2626262626262626
DATA jsonk<>+80(SB)/8, $0x5c5c5c5c5c5c5c5c
DATA jsonk<>+88(SB)/8, $0x5c5c5c5c5c5c5c5c
GLOBL jsonk<>(SB), RODATA|NOPTR, $96

// func jsonSafeRun(s *byte, n int) int
TEXT ·jsonSafeRun(SB), NOSPLIT, $0-24
	MOVQ s+0(FP), SI
	MOVQ n+8(FP), CX
	XORQ AX, AX
	LEAQ -16(CX), DX // where the last 16 start (negative: fewer than 16)
	MOVOU jsonk<>+0(SB), X8
	MOVOU jsonk<>+16(SB), X9
	MOVOU jsonk<>+32(SB), X10
	MOVOU jsonk<>+48(SB), X11
	MOVOU jsonk<>+64(SB), X12
	MOVOU jsonk<>+80(SB), X13

loop:
	CMPQ AX, DX
	JGT  done
	MOVOU   (SI)(AX*1), X0
	MOVOU   X0, X1
	PCMPGTB X8, X1  // above 0x1f and below 0x80
	MOVOU   X0, X2
	POR     X9, X2
	PCMPEQB X10, X2 // '<' or '>'
	MOVOU   X0, X3
	POR     X11, X3
	PCMPEQB X12, X3 // '"' or '&'
	PCMPEQB X13, X0 // '\\'
	POR     X2, X0
	POR     X3, X0
	PANDN   X1, X0  // safe
	PMOVMSKB X0, BX
	CMPL    BX, $0xffff
	JNE     found
	ADDQ    $16, AX
	JMP     loop

found:
	NOTL BX
	BSFL BX, BX
	ADDQ BX, AX

done:
	MOVQ AX, ret+16(FP)
	RET
