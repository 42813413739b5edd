//===- spectest/WastScript.cpp ---------------------------------------------===//
#include "WastScript.h"

#include "support/Error.h"
#include "text/Literals.h"
#include "text/TextFormat.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace wasmaot;
using namespace wasmaot::spectest;
using namespace wasmaot::text;

namespace {

CommandKind kindOf(llvm::StringRef Keyword) {
  return llvm::StringSwitch<CommandKind>(Keyword)
      .Case("module", CommandKind::Module)
      .Case("assert_invalid", CommandKind::AssertInvalid)
      .Case("assert_malformed", CommandKind::AssertMalformed)
      .Case("assert_unlinkable", CommandKind::AssertUnlinkable)
      .Case("assert_trap", CommandKind::AssertTrap) // or AssertUninstantiable
      .Case("register", CommandKind::Register)
      .Case("invoke", CommandKind::Action)
      .Case("get", CommandKind::Action)
      .Case("assert_return", CommandKind::AssertReturn)
      .Case("assert_exhaustion", CommandKind::AssertExhaustion)
      .Case("assert_exception", CommandKind::AssertException)
      .Default(CommandKind::Unknown);
}

llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Bytes) {
  // Scripts are read by concurrent runs (one per bounds strategy): a
  // module file is replaced whole, never seen half-written.
  llvm::SmallString<256> Temp;
  int FD;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Path + ".tmp-%%%%%%", FD, Temp))
    return llvm::createStringError(EC, "cannot create " + Temp + ": " + EC.message());
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Bytes;
    if (OS.has_error())
      return llvm::createStringError(OS.error(), "cannot write " + Temp);
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path))
    return llvm::createStringError(EC, "cannot rename " + Temp + ": " + EC.message());
  return llvm::Error::success();
}

bool isModuleField(const Token &T) {
  static constexpr llvm::StringLiteral Fields[] = {
      "type", "rec", "import", "func", "table", "memory", "global", "tag", "export", "start",
      "elem", "data"};
  return T.is(TokenKind::Keyword) && llvm::is_contained(Fields, T.Text);
}

class ScriptReader {
public:
  ScriptReader(llvm::ArrayRef<Token> Tokens, llvm::StringRef ModuleDir)
      : C(Tokens, 0), ModuleDir(ModuleDir) {}

  llvm::Expected<WastScript> read() {
    WastScript Script;
    Script.ModuleDir = ModuleDir.str();
    if (C.peek().is(TokenKind::LParen) && isModuleField(C.peek(1))) {
      // A script of module fields alone is one module.
      Command Cmd;
      Cmd.Kind = CommandKind::Module;
      Cmd.Type = "module";
      Cmd.Line = C.peek().Line;
      ModuleParser Parser(C);
      auto Bytes = Parser.parse();
      if (!Bytes)
        Cmd.ReadError = llvm::toString(Bytes.takeError());
      else if (llvm::Error E = writeModule(Cmd, *Bytes))
        return E;
      Script.Commands.push_back(std::move(Cmd));
      return Script;
    }
    while (!C.peek().is(TokenKind::Eof)) {
      if (!C.peek().is(TokenKind::LParen) || !C.peek(1).is(TokenKind::Keyword))
        return C.error("unexpected token, expected a command");
      size_t Start = C.position();
      Command Cmd;
      Cmd.Line = C.peek().Line;
      Cmd.Type = C.peek(1).Text.str();
      Cmd.Kind = kindOf(Cmd.Type);
      if (llvm::Error E = readCommand(Cmd)) {
        Cmd.ReadError = llvm::toString(std::move(E));
        C.seek(Start);
        C.skipGroup();
      }
      Script.Commands.push_back(std::move(Cmd));
    }
    return Script;
  }

private:
  llvm::Error readCommand(Command &Cmd) {
    switch (Cmd.Kind) {
    case CommandKind::Module:
      return readModuleCommand(Cmd);
    case CommandKind::Action:
      return readAction(Cmd);
    case CommandKind::Unknown:
      C.skipGroup();
      return llvm::Error::success();
    default:
      break;
    }
    C.next();
    C.next();
    switch (Cmd.Kind) {
    case CommandKind::Register: {
      auto As = stringToken();
      if (!As)
        return As.takeError();
      Cmd.As = std::move(*As);
      if (C.peek().is(TokenKind::Id))
        Cmd.Name = C.next().Text.str();
      break;
    }
    case CommandKind::AssertInvalid:
    case CommandKind::AssertMalformed:
    case CommandKind::AssertUnlinkable:
      if (llvm::Error E = readModule(Cmd))
        return E;
      break;
    case CommandKind::AssertTrap:
      if (C.atGroup("module")) {
        Cmd.Kind = CommandKind::AssertUninstantiable;
        if (llvm::Error E = readModule(Cmd))
          return E;
        break;
      }
      [[fallthrough]];
    case CommandKind::AssertExhaustion:
    case CommandKind::AssertException:
    case CommandKind::AssertReturn:
      if (llvm::Error E = readAction(Cmd))
        return E;
      break;
    default:
      llvm_unreachable("handled above");
    }
    if (Cmd.Kind == CommandKind::AssertReturn) {
      while (C.peek().is(TokenKind::LParen)) {
        auto V = parseWastValue(C, /*AllowEither=*/true);
        if (!V)
          return V.takeError();
        Cmd.Expected.push_back(std::move(*V));
      }
    } else if (Cmd.Kind != CommandKind::Register && Cmd.Kind != CommandKind::AssertException) {
      auto Text = stringToken();
      if (!Text)
        return Text.takeError();
      Cmd.Text = std::move(*Text);
    }
    return C.expectRParen();
  }

  llvm::Expected<std::string> stringToken() {
    const Token &T = C.peek();
    if (!T.is(TokenKind::String))
      return C.error("unexpected token, expected a string");
    C.next();
    auto S = decodeString(T.Text);
    if (!S)
      return C.errorAt(T, llvm::toString(S.takeError()));
    return S;
  }

  /// `(invoke $M? "name" const*)` or `(get $M? "name")`.
  llvm::Error readAction(Command &Cmd) {
    if (llvm::Error E = C.expect(TokenKind::LParen, "`(`"))
      return E;
    const Token &Kind = C.next();
    if (!Kind.isKeyword("invoke") && !Kind.isKeyword("get"))
      return C.errorAt(Kind, "unexpected token, expected an action");
    ActionRequest A;
    A.K = Kind.Text == "get" ? ActionRequest::Get : ActionRequest::Invoke;
    if (C.peek().is(TokenKind::Id))
      A.Module = C.next().Text.str();
    auto Field = stringToken();
    if (!Field)
      return Field.takeError();
    A.Field = std::move(*Field);
    while (C.peek().is(TokenKind::LParen)) {
      auto V = parseWastValue(C);
      if (!V)
        return V.takeError();
      A.Args.push_back(TypedSlot{V->typeCode(), V->toSlot()});
    }
    Cmd.Act = std::move(A);
    return C.expectRParen();
  }

  /// A `module` command: a module, a definition, or an instance of one.
  llvm::Error readModuleCommand(Command &Cmd) {
    if (C.peek(2).isKeyword("instance")) {
      C.next();
      C.next();
      C.next();
      if (C.peek().is(TokenKind::Id))
        Cmd.Name = C.next().Text.str();
      std::string Definition = LastDefinition;
      if (C.peek().is(TokenKind::Id))
        Definition = C.next().Text.str();
      auto It = Definitions.find(Definition);
      if (It == Definitions.end())
        return C.error("unknown module definition " + Definition);
      Cmd.Filename = It->second;
      return C.expectRParen();
    }
    if (C.peek(2).isKeyword("definition"))
      Cmd.Kind = CommandKind::ModuleDefinition;
    if (llvm::Error E = readModule(Cmd))
      return E;
    if (Cmd.Kind == CommandKind::ModuleDefinition) {
      LastDefinition = Cmd.Name;
      Definitions[Cmd.Name] = Cmd.Filename;
    }
    return llvm::Error::success();
  }

  /// The module form at the cursor, written to a file of its own.
  llvm::Error readModule(Command &Cmd) {
    auto Form = parseModuleForm(C);
    if (!Form)
      return Form.takeError();
    Cmd.Name = Form->Name;
    if (Form->K == ModuleForm::Quote) {
      auto Assembled = assembleText(Form->Source);
      if (!Assembled) {
        // Quoted text that does not parse: only assert_malformed expects
        // that, and the runner judges it from the text itself.
        if (Cmd.Kind != CommandKind::AssertMalformed)
          return Assembled.takeError();
        llvm::consumeError(Assembled.takeError());
        Cmd.ModType = ModuleType::Text;
        Cmd.Filename = std::to_string(ModuleCount++) + ".wat";
        return write(Cmd.Filename, Form->Source);
      }
      Form->Bytes = std::move(*Assembled);
    }
    return writeModule(Cmd, Form->Bytes);
  }

  llvm::Error writeModule(Command &Cmd, llvm::ArrayRef<uint8_t> Bytes) {
    Cmd.Filename = std::to_string(ModuleCount++) + ".wasm";
    return write(Cmd.Filename,
                 llvm::StringRef(reinterpret_cast<const char *>(Bytes.data()), Bytes.size()));
  }

  llvm::Error write(llvm::StringRef Filename, llvm::StringRef Bytes) {
    llvm::SmallString<256> Path(ModuleDir);
    llvm::sys::path::append(Path, Filename);
    return writeFileAtomically(Path, Bytes);
  }

  TokenCursor C;
  llvm::StringRef ModuleDir;
  unsigned ModuleCount = 0;
  llvm::StringMap<std::string> Definitions; // name -> module file
  std::string LastDefinition;
};

} // namespace

bool wasmaot::spectest::carriesModule(CommandKind K) {
  switch (K) {
  case CommandKind::Module:
  case CommandKind::ModuleDefinition:
  case CommandKind::AssertInvalid:
  case CommandKind::AssertMalformed:
  case CommandKind::AssertUnlinkable:
  case CommandKind::AssertUninstantiable:
    return true;
  case CommandKind::Register:
  case CommandKind::Action:
  case CommandKind::AssertReturn:
  case CommandKind::AssertTrap:
  case CommandKind::AssertExhaustion:
  case CommandKind::AssertException:
  case CommandKind::Unknown:
    return false;
  }
  return false;
}

llvm::Expected<WastScript> wasmaot::spectest::readWastScript(llvm::StringRef Source,
                                                            llvm::StringRef ModuleDir) {
  if (std::error_code EC = llvm::sys::fs::create_directories(ModuleDir))
    return llvm::createStringError(EC, "cannot create " + ModuleDir + ": " + EC.message());
  auto Tokens = tokenize(Source);
  if (!Tokens)
    return Tokens.takeError();
  return ScriptReader(*Tokens, ModuleDir).read();
}

llvm::Expected<WastScript> wasmaot::spectest::loadWastScript(llvm::StringRef WastPath,
                                                            llvm::StringRef CacheDir) {
  auto Buffer = llvm::MemoryBuffer::getFile(WastPath, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read " + WastPath + ": " +
                                                          Buffer.getError().message());
  llvm::SmallString<256> ModuleDir(CacheDir);
  llvm::sys::path::append(ModuleDir, "modules",
                          llvm::sys::path::filename(llvm::sys::path::parent_path(WastPath)),
                          llvm::sys::path::stem(WastPath));
  return readWastScript((*Buffer)->getBuffer(), ModuleDir);
}
