//===- support/ByteReader.cpp ----------------------------------------------===//
#include "support/ByteReader.h"

using namespace wasmaot;

llvm::Error ByteReader::unexpectedEnd() const {
  return malformed(offset(), "unexpected end");
}

llvm::Expected<uint8_t> ByteReader::readByte() {
  if (Cur == End)
    return unexpectedEnd();
  return *Cur++;
}

llvm::Expected<uint64_t> ByteReader::readUnsignedLEB(unsigned Bits) {
  uint64_t Start = offset();
  uint64_t Result = 0;
  unsigned Shift = 0;
  const unsigned MaxBytes = (Bits + 6) / 7;
  for (unsigned I = 0; I < MaxBytes; ++I) {
    if (Cur == End)
      return unexpectedEnd();
    uint8_t Byte = *Cur++;
    Result |= static_cast<uint64_t>(Byte & 0x7F) << Shift;
    if (!(Byte & 0x80)) {
      if (I == MaxBytes - 1) {
        // Bits of the last byte beyond the integer's width must be zero.
        unsigned UsedBits = Bits - Shift;
        if (UsedBits < 7 && (Byte >> UsedBits) != 0)
          return malformed(Start, "integer too large");
      }
      return Result;
    }
    Shift += 7;
  }
  return malformed(Start, "integer representation too long");
}

llvm::Expected<int64_t> ByteReader::readSignedLEB(unsigned Bits) {
  uint64_t Start = offset();
  uint64_t Result = 0;
  unsigned Shift = 0;
  const unsigned MaxBytes = (Bits + 6) / 7;
  for (unsigned I = 0; I < MaxBytes; ++I) {
    if (Cur == End)
      return unexpectedEnd();
    uint8_t Byte = *Cur++;
    Result |= static_cast<uint64_t>(Byte & 0x7F) << Shift;
    Shift += 7;
    if (Byte & 0x80)
      continue;
    if (I == MaxBytes - 1) {
      // Bits UsedBits-1..6 of the last byte (the sign bit and the unused bits
      // above it) must be all zeros or all ones.
      unsigned UsedBits = Bits - (Shift - 7);
      if (UsedBits < 7) {
        uint8_t High = (Byte & 0x7F) >> (UsedBits - 1);
        if (High != 0 && High != (0x7F >> (UsedBits - 1)))
          return malformed(Start, "integer too large");
      }
    }
    if (Shift < 64 && (Byte & 0x40))
      Result |= ~uint64_t(0) << Shift;
    return static_cast<int64_t>(Result);
  }
  return malformed(Start, "integer representation too long");
}

llvm::Expected<uint32_t> ByteReader::readVarU32() {
  auto V = readUnsignedLEB(32);
  if (!V)
    return V.takeError();
  return static_cast<uint32_t>(*V);
}

llvm::Expected<uint64_t> ByteReader::readVarU64() { return readUnsignedLEB(64); }

llvm::Expected<int32_t> ByteReader::readVarS32() {
  auto V = readSignedLEB(32);
  if (!V)
    return V.takeError();
  return static_cast<int32_t>(*V);
}

llvm::Expected<int64_t> ByteReader::readVarS33() { return readSignedLEB(33); }
llvm::Expected<int64_t> ByteReader::readVarS64() { return readSignedLEB(64); }

llvm::Expected<uint32_t> ByteReader::readFixedU32() {
  if (remaining() < 4) {
    Cur = End;
    return unexpectedEnd();
  }
  uint32_t V = uint32_t(Cur[0]) | uint32_t(Cur[1]) << 8 | uint32_t(Cur[2]) << 16 |
               uint32_t(Cur[3]) << 24;
  Cur += 4;
  return V;
}

llvm::Expected<uint64_t> ByteReader::readFixedU64() {
  auto Lo = readFixedU32();
  if (!Lo)
    return Lo.takeError();
  auto Hi = readFixedU32();
  if (!Hi)
    return Hi.takeError();
  return uint64_t(*Lo) | uint64_t(*Hi) << 32;
}

llvm::Expected<llvm::ArrayRef<uint8_t>> ByteReader::readBytes(size_t N) {
  if (remaining() < N)
    return malformed(offset(), "unexpected end of section or function: " + llvm::Twine(N) +
                                   " bytes needed, " + llvm::Twine(remaining()) +
                                   " left");
  llvm::ArrayRef<uint8_t> Bytes(Cur, N);
  Cur += N;
  return Bytes;
}

llvm::Expected<uint32_t> ByteReader::readVecLength(size_t MinElemSize) {
  uint64_t Start = offset();
  auto N = readVarU32();
  if (!N)
    return N.takeError();
  if (static_cast<uint64_t>(*N) * MinElemSize > remaining())
    return malformed(Start, "length out of bounds: " + llvm::Twine(*N) +
                                " entries cannot fit in the " +
                                llvm::Twine(remaining()) + " bytes left");
  return *N;
}

llvm::Expected<std::string> ByteReader::readName() {
  auto Length = readVarU32();
  if (!Length)
    return Length.takeError();
  uint64_t Start = offset();
  if (*Length > remaining())
    return malformed(Start, "length out of bounds");
  auto Bytes = readBytes(*Length);
  if (!Bytes)
    return Bytes.takeError();
  if (!isValidUtf8(*Bytes))
    return malformed(Start, "malformed UTF-8 encoding");
  return std::string(Bytes->begin(), Bytes->end());
}

llvm::Expected<ByteReader> ByteReader::subReader(size_t N) {
  uint64_t Start = offset();
  auto Bytes = readBytes(N);
  if (!Bytes)
    return Bytes.takeError();
  return ByteReader(*Bytes, Start);
}

bool wasmaot::isValidUtf8(llvm::ArrayRef<uint8_t> Bytes) {
  size_t I = 0, N = Bytes.size();
  while (I < N) {
    uint8_t B = Bytes[I];
    if (B < 0x80) {
      ++I;
      continue;
    }
    unsigned Len;
    uint32_t Cp;
    if ((B & 0xE0) == 0xC0) {
      Len = 2;
      Cp = B & 0x1F;
    } else if ((B & 0xF0) == 0xE0) {
      Len = 3;
      Cp = B & 0x0F;
    } else if ((B & 0xF8) == 0xF0) {
      Len = 4;
      Cp = B & 0x07;
    } else {
      return false;
    }
    if (I + Len > N)
      return false;
    for (unsigned K = 1; K < Len; ++K) {
      uint8_t C = Bytes[I + K];
      if ((C & 0xC0) != 0x80)
        return false;
      Cp = Cp << 6 | (C & 0x3F);
    }
    static constexpr uint32_t MinForLen[] = {0, 0, 0x80, 0x800, 0x10000};
    if (Cp < MinForLen[Len] || Cp > 0x10FFFF || (Cp >= 0xD800 && Cp <= 0xDFFF))
      return false;
    I += Len;
  }
  return true;
}
