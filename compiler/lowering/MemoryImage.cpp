//===- lowering/MemoryImage.cpp --------------------------------------------===//
#include "lowering/MemoryImage.h"

#include "wasmaot/abi.h"

#include <algorithm>
#include <cstring>

using namespace wasmaot;
using namespace wasmaot::lowering;

namespace {

/// Below this many bytes of data, copying costs no more than mapping.
constexpr uint64_t MinimumData = 64 * 1024;

/// The offset of an active segment, if it is a constant.
std::optional<uint32_t> constantOffset(const ir::DataSegment &D) {
  if (D.MemoryOffset.Instrs.size() != 1 || D.MemoryOffset.Instrs[0].Op != ir::Opcode::I32Const)
    return std::nullopt;
  return uint32_t(D.MemoryOffset.Instrs[0].I32);
}

} // namespace

std::optional<MemoryImage> wasmaot::lowering::buildMemoryImage(const ir::Module &WM) {
  // Only for the common memory: 32-bit, of 64 KiB pages.
  if (WM.Memories.empty() || WM.Memories[0].Imported || WM.Memories[0].Type.Is64 ||
      WM.Memories[0].Type.PageSizeLog2 != WASMAOT_PAGE_SIZE_LOG2)
    return std::nullopt;
  uint64_t MemoryBytes = WM.Memories[0].Type.Lim.Min * uint64_t(WASMAOT_PAGE_SIZE);
  uint64_t Begin = UINT64_MAX, End = 0, Data = 0;
  for (const ir::DataSegment &D : WM.Datas) {
    if (D.Mode != ir::SegmentMode::Active)
      continue;
    std::optional<uint32_t> Offset = constantOffset(D);
    if (D.Memory != 0 || !Offset || *Offset + uint64_t(D.Bytes.size()) > MemoryBytes)
      return std::nullopt;
    if (D.Bytes.empty())
      continue;
    Begin = std::min<uint64_t>(Begin, *Offset);
    End = std::max<uint64_t>(End, *Offset + D.Bytes.size());
    Data += D.Bytes.size();
  }
  if (Data < MinimumData)
    return std::nullopt;
  Begin = Begin / MemoryImageAlign * MemoryImageAlign;
  End = (End + MemoryImageAlign - 1) / MemoryImageAlign * MemoryImageAlign;
  // Mostly zeros between far-apart segments: not worth the artifact's size.
  if (End - Begin > 2 * Data + 16 * MemoryImageAlign)
    return std::nullopt;

  MemoryImage Image{Begin, std::vector<uint8_t>(End - Begin)};
  for (const ir::DataSegment &D : WM.Datas)
    if (D.Mode == ir::SegmentMode::Active && !D.Bytes.empty())
      std::memcpy(Image.Bytes.data() + (*constantOffset(D) - Begin), D.Bytes.data(),
                  D.Bytes.size());
  return Image;
}
