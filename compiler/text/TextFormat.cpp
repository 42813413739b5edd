//===- text/TextFormat.cpp - Modules in the WebAssembly text format --------===//
#include "text/TextFormat.h"

#include "support/Error.h"

#include "llvm/Support/MemoryBuffer.h"

using namespace wasmaot;
using namespace wasmaot::text;

bool wasmaot::isTextModule(llvm::ArrayRef<uint8_t> Bytes) {
  static constexpr uint8_t Magic[] = {0x00, 0x61, 0x73, 0x6d};
  return Bytes.size() < 4 || !std::equal(Magic, Magic + 4, Bytes.begin());
}

llvm::Expected<ModuleForm> text::parseModuleForm(TokenCursor &C) {
  if (!C.atGroup("module"))
    return C.error("unexpected token, expected `(module`");
  C.next();
  C.next();
  ModuleForm Form;
  Form.Definition = C.consumeKeyword("definition");
  if (C.peek().is(TokenKind::Id))
    Form.Name = C.next().Text.str();
  bool Binary = C.peek().isKeyword("binary");
  if (Binary || C.peek().isKeyword("quote")) {
    C.next();
    Form.K = Binary ? ModuleForm::Binary : ModuleForm::Quote;
    auto Bytes = C.strings();
    if (!Bytes)
      return Bytes.takeError();
    if (Binary)
      Form.Bytes.assign(Bytes->begin(), Bytes->end());
    else
      Form.Source = std::move(*Bytes);
    if (llvm::Error E = C.expectRParen())
      return E;
    return Form;
  }
  ModuleParser Parser(C);
  auto Bytes = Parser.parse();
  if (!Bytes)
    return Bytes.takeError();
  Form.Bytes = std::move(*Bytes);
  if (llvm::Error E = C.expectRParen())
    return E;
  return Form;
}

llvm::Expected<std::vector<uint8_t>> wasmaot::assembleText(llvm::StringRef Source) {
  auto Tokens = tokenize(Source);
  if (!Tokens)
    return Tokens.takeError();
  TokenCursor C(*Tokens, 0);
  std::vector<uint8_t> Bytes;
  if (C.atGroup("module")) {
    auto Form = parseModuleForm(C);
    if (!Form)
      return Form.takeError();
    if (Form->K == ModuleForm::Quote) {
      auto Quoted = assembleText(Form->Source);
      if (!Quoted)
        return Quoted.takeError();
      Form->Bytes = std::move(*Quoted);
    }
    Bytes = std::move(Form->Bytes);
  } else {
    ModuleParser Parser(C);
    auto Parsed = Parser.parse();
    if (!Parsed)
      return Parsed.takeError();
    Bytes = std::move(*Parsed);
  }
  if (!C.peek().is(TokenKind::Eof))
    return C.error("unexpected token after the module");
  return Bytes;
}

llvm::Expected<std::vector<uint8_t>> wasmaot::assembleTextModule(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return makeError(ErrorKind::Io, WasmError::NoOffset,
                     "cannot read: " + Buffer.getError().message());
  return assembleText((*Buffer)->getBuffer());
}
