// compile(): lexer -> parser -> code generator -> .mpy writer, and mpy-cross-style error text.
#include "mpycross/compiler.hpp"

#include "mpy/model.hpp"
#include "mpy/writer.hpp"
#include "mpycross/codegen.hpp"
#include "mpycross/float_text.hpp"
#include "mpycross/lexer.hpp"
#include "mpycross/parser.hpp"

namespace cpy::mpycross {
namespace {

std::string render(const Diagnostic& d, std::string_view source_name) {
  std::string text;
  if (d.form == Diagnostic::Form::traceback) {
    text = "Traceback (most recent call last):\r\n  File \"" + std::string(source_name) + "\", line " +
           std::to_string(d.line);
    text += d.scope.empty() ? "\n" : ", in " + d.scope + "\r\n";
  }
  if (!d.type.empty()) text += d.type + ": ";
  text += d.message + "\n";
  return text;
}

CompileFailure failure(const Diagnostic& d, std::string_view source_name) {
  CompileFailure f;
  f.stderr_text = render(d, source_name);
  f.line = d.form == Diagnostic::Form::traceback ? d.line : 0;
  f.column = d.form == Diagnostic::Form::traceback ? d.column : 0;
  if (d.type == "IndentationError") f.kind = CompileFailure::Kind::indentation;
  if (d.type == "RuntimeError") f.kind = CompileFailure::Kind::runtime;
  if (d.type.empty() || d.type == "NotImplementedError") f.kind = CompileFailure::Kind::not_implemented;
  return f;
}

mpy::Constant to_constant(const Obj& o) {
  switch (o.type) {
    case Obj::Type::none:
      return mpy::Constant::simple(mpy::ConstantKind::none);
    case Obj::Type::false_:
      return mpy::Constant::simple(mpy::ConstantKind::false_);
    case Obj::Type::true_:
      return mpy::Constant::simple(mpy::ConstantKind::true_);
    case Obj::Type::ellipsis:
      return mpy::Constant::simple(mpy::ConstantKind::ellipsis);
    case Obj::Type::str:
      return mpy::Constant::str(o.text);
    case Obj::Type::bytes:
      return mpy::Constant::bytes(o.text);
    case Obj::Type::int_:
      return mpy::Constant::integer(o.i.to_string());
    case Obj::Type::float_:
      return mpy::Constant::float_repr(format_float(o.f));
    case Obj::Type::complex_:
      return mpy::Constant::complex_repr(format_imag(o.f));
    case Obj::Type::tuple: {
      std::vector<mpy::Constant> items;
      for (const Obj& item : o.items) items.push_back(to_constant(item));
      return mpy::Constant::tuple(std::move(items));
    }
  }
  return mpy::Constant::simple(mpy::ConstantKind::none);
}

mpy::RawCode build_raw_code(const std::vector<ScopeOutput>& outputs, int scope) {
  mpy::RawCode rc;
  const ScopeOutput& out = outputs[static_cast<std::size_t>(scope)];
  rc.fun_data = out.fun_data;
  for (int child : out.children) rc.children.push_back(build_raw_code(outputs, child));
  return rc;
}

std::string normalise_name(std::string_view name) {
  std::string s(name);
  for (char& c : s) {
    if (c == '\\') c = '/';
  }
  return s;
}

}  // namespace

CompileResult compile(std::string_view source, std::string_view source_name_in, const Options& options) {
  const std::string source_name = normalise_name(source_name_in);
  Interned interned(builtin_long_qstrs().begin(), builtin_long_qstrs().end());
  interned.insert(source_name);

  Lexer lexer(source, options.opt_level);
  NodePool pool;
  Parser parser(lexer, pool, interned, ParseOptions{options.small_int_bits});
  auto root = parser.parse();
  if (!root) return failure(parser.error(), source_name);

  EmitTables tables(source_name);
  CodeGen gen(tables, options.opt_level, options.small_int_bits);
  if (!gen.compile_module(*root)) {
    if (gen.aborted()) {
      CompileFailure f;
      f.kind = CompileFailure::Kind::internal_abort;
      f.exit_code = 134;
      f.stderr_text = "mpy-cross: ../py/emitbc.c:367: mp_emit_bc_end_pass: Assertion `id->local_num <= 255' failed.\n";
      return f;
    }
    return failure(gen.error(), source_name);
  }

  mpy::MpyFile file;
  file.header.small_int_bits = static_cast<std::uint8_t>(options.small_int_bits);
  file.qstrs = tables.qstrs();
  for (const Obj& o : tables.consts()) file.constants.push_back(to_constant(o));
  file.module = build_raw_code(gen.outputs(), 0);
  return mpy::write_mpy(file);
}

}  // namespace cpy::mpycross
