// The port checker: import statements and name bindings from the parse tree, positions from the token list,
// then one pass over the tokens resolving names through the bindings to the rule tables.
#include "bundle/port_check.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "mpycross/compiler.hpp"
#include "mpycross/source_scan.hpp"

namespace cpy::bundle {
namespace {

using mpycross::ImportedModule;
using mpycross::SourceToken;
using mpycross::Tok;
constexpr std::size_t k_none = static_cast<std::size_t>(-1);

/// Where an import statement's parts are in the token list (one per mpycross::ImportedModule).
struct TokenImport {
  std::size_t anchor = k_none;             ///< first module name token, or the `from` keyword
  std::vector<std::size_t> module_tokens;  ///< the name tokens of the dotted module
  std::vector<std::size_t> name_tokens;    ///< from-import: each imported name
  std::size_t alias_token = k_none;        ///< `import a as b`: the token of b
};

/// What a name in the file refers to: a module or a module attribute, as a dotted path.
struct Binding {
  std::string path;
  std::size_t import_index = 0;
};

bool ends_statement(Tok k) { return k == Tok::newline || k == Tok::del_semicolon || k == Tok::end; }

bool is_statement_start(const std::vector<SourceToken>& t, std::size_t i) {
  if (i == 0) return true;
  const Tok p = t[i - 1].kind;
  return p == Tok::newline || p == Tok::indent || p == Tok::dedent || p == Tok::del_semicolon || p == Tok::del_colon;
}

std::size_t read_dotted(const std::vector<SourceToken>& t, std::size_t i, std::vector<std::size_t>& names) {
  names.push_back(i++);
  while (i + 1 < t.size() && t[i].kind == Tok::del_period && t[i + 1].kind == Tok::name) {
    names.push_back(i + 1);
    i += 2;
  }
  return i;
}

std::size_t read_import_name(const std::vector<SourceToken>& t, std::size_t i, std::vector<TokenImport>& out) {
  while (i < t.size() && !ends_statement(t[i].kind)) {
    if (t[i].kind != Tok::name) {
      ++i;
      continue;
    }
    TokenImport ti;
    i = read_dotted(t, i, ti.module_tokens);
    ti.anchor = ti.module_tokens[0];
    if (i + 1 < t.size() && t[i].kind == Tok::kw_as) {
      ti.alias_token = i + 1;
      i += 2;
    }
    out.push_back(std::move(ti));
  }
  return i;
}

std::size_t read_import_from(const std::vector<SourceToken>& t, std::size_t i, std::vector<TokenImport>& out) {
  TokenImport ti;
  ti.anchor = i++;
  while (i < t.size() && (t[i].kind == Tok::del_period || t[i].kind == Tok::ellipsis)) ++i;
  if (i < t.size() && t[i].kind == Tok::name) {
    i = read_dotted(t, i, ti.module_tokens);
    ti.anchor = ti.module_tokens[0];
  }
  for (++i; i < t.size() && !ends_statement(t[i].kind); ++i)
    if (t[i].kind == Tok::name && t[i - 1].kind != Tok::kw_as) ti.name_tokens.push_back(i);
  out.push_back(std::move(ti));
  return i;
}

std::string from_statement(const ImportedModule& imp, const std::string& module) {
  std::string names;
  for (const auto& [name, alias] : imp.names)
    names += (names.empty() ? "" : ", ") + name + (alias.empty() ? "" : " as " + alias);
  return "from " + module + " import " + names;
}

std::string import_statement(const ImportedModule& imp, const std::string& module) {
  if (imp.from) return from_statement(imp, module);
  return "import " + module + (imp.alias.empty() || imp.alias == module ? "" : " as " + imp.alias);
}

/// Advice for `machine.Pin(...)` that uses the call's arguments: the pin and its direction and pull.
std::string pin_advice(const std::vector<SourceToken>& t, std::size_t open) {
  std::vector<std::string> first;
  std::set<std::string> words;
  int depth = 0;
  bool in_first = true;
  for (std::size_t i = open; i < t.size() && t[i].kind != Tok::end; ++i) {
    if (t[i].kind == Tok::del_paren_open || t[i].kind == Tok::del_bracket_open) ++depth;
    if (t[i].kind == Tok::del_paren_close || t[i].kind == Tok::del_bracket_close) --depth;
    if (depth == 0) break;
    if (depth == 1 && t[i].kind == Tok::del_comma) in_first = false;
    if (in_first && i > open) first.push_back(t[i].kind == Tok::string ? "'" + t[i].text + "'" : t[i].text);
    if (t[i].kind == Tok::name) words.insert(t[i].text);
  }
  std::string pin = "board.<pin>";
  if (first.size() == 1 && t[open + 1].kind == Tok::integer)
    pin = "board.<pin> (GPIO " + first[0] + ": board.GP" + first[0] + " on a Pico, board.IO" + first[0] +
          " on an ESP32-S2/S3)";
  if (first.size() == 1 && t[open + 1].kind == Tok::string) pin = "board." + t[open + 1].text;
  std::string advice = "digitalio.DigitalInOut(" + pin + ")";
  std::string pull = words.count("PULL_UP")     ? "pull=digitalio.Pull.UP"
                     : words.count("PULL_DOWN") ? "pull=digitalio.Pull.DOWN"
                                                : "";
  if (words.count("OUT"))
    advice += ", then .switch_to_output(); .value(1) and .on() become .value = True";
  else if (words.count("IN"))
    advice += ", then .switch_to_input(" + pull + "); .value() becomes .value";
  return advice;
}

class PortChecker {
 public:
  PortChecker(std::string_view source, std::vector<ImportedModule> imports)
      : m_src(source),
        m_tokens(mpycross::source_tokens(source)),
        m_starts(mpycross::line_starts(source)),
        m_imports(std::move(imports)) {}

  PortCheck run() {
    locate_imports();
    bind_imports();
    for (std::size_t k = 0; k < m_imports.size(); ++k) check_import(k);
    check_uses();
    plan_renames();
    std::sort(m_out.findings.begin(), m_out.findings.end(), [](const PortFinding& a, const PortFinding& b) {
      return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    return std::move(m_out);
  }

 private:
  void locate_imports() {
    m_in_import.assign(m_tokens.size(), false);
    m_depth.assign(m_tokens.size(), 0);
    int depth = 0;
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
      const Tok k = m_tokens[i].kind;
      if (k == Tok::del_paren_close || k == Tok::del_bracket_close || k == Tok::del_brace_close) --depth;
      m_depth[i] = depth;
      if (k == Tok::del_paren_open || k == Tok::del_bracket_open || k == Tok::del_brace_open) ++depth;
    }
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
      const Tok k = m_tokens[i].kind;
      if ((k != Tok::kw_import && k != Tok::kw_from) || !is_statement_start(m_tokens, i)) continue;
      const std::size_t end =
          k == Tok::kw_import ? read_import_name(m_tokens, i + 1, m_located) : read_import_from(m_tokens, i, m_located);
      for (std::size_t j = i; j < end; ++j) m_in_import[j] = true;
      i = end - 1;
    }
    m_aligned = m_located.size() == m_imports.size();
    for (std::size_t k = 0; m_aligned && k < m_imports.size(); ++k)
      m_aligned = dotted_text(m_located[k].module_tokens) == m_imports[k].module;
  }

  std::string dotted_text(const std::vector<std::size_t>& names) const {
    std::string out;
    for (std::size_t i : names) out += (out.empty() ? "" : ".") + m_tokens[i].text;
    return out;
  }

  void bind_imports() {
    for (std::size_t k = 0; k < m_imports.size(); ++k) {
      const auto& imp = m_imports[k];
      if (imp.level > 0 || imp.module.empty()) continue;
      if (!imp.from) {
        const std::string name = imp.alias.empty() ? imp.module.substr(0, imp.module.find('.')) : imp.alias;
        m_bindings[name] = {imp.alias.empty() ? name : imp.module, k};
        continue;
      }
      for (const auto& [name, alias] : imp.names) {
        if (name == "*")
          m_star_modules.push_back(imp.module);
        else
          m_bindings[alias.empty() ? name : alias] = {imp.module + "." + name, k};
      }
    }
  }

  std::size_t anchor_of(std::size_t k) const { return m_aligned ? m_located[k].anchor : k_none; }

  void check_import(std::size_t k) {
    const auto& imp = m_imports[k];
    if (imp.level > 0 || imp.module.empty()) return;
    const auto rule = module_rule(imp.module);
    if (rule && rule->action == PortAction::fixable) {
      const std::string renamed = canonical_path(imp.module);
      std::string advice = import_statement(imp, renamed);
      if (!rule->advice.empty()) advice += " (" + std::string(rule->advice) + ")";
      add(anchor_of(k), imp.line, "u-module", import_statement(imp, imp.module), advice, PortAction::fixable);
      rename_module_token(k, std::string(rule->replacement));
    } else if (rule && !imp.from) {
      add(anchor_of(k), imp.line, "module", import_statement(imp, imp.module), std::string(rule->advice),
          PortAction::manual);
    }
    if (imp.from) check_imported_names(k, rule);
  }

  void check_imported_names(std::size_t k, const std::optional<ModuleRule>& rule) {
    const auto& imp = m_imports[k];
    for (std::size_t n = 0; n < imp.names.size(); ++n) {
      const auto& name = imp.names[n].first;
      const auto attr = attribute_rule(canonical_path(imp.module + "." + name));
      const bool manual_module = rule && rule->action == PortAction::manual;
      if (!attr && !manual_module) continue;
      const std::size_t at =
          m_aligned && n < m_located[k].name_tokens.size() ? m_located[k].name_tokens[n] : anchor_of(k);
      ImportedModule one = imp;
      one.names = {imp.names[n]};
      add(at, imp.line, attr ? std::string(attr->rule) : "module", from_statement(one, imp.module),
          attr ? std::string(attr->advice) : std::string(rule->advice), PortAction::manual);
    }
  }

  void rename_module_token(std::size_t k, const std::string& replacement) {
    if (!m_aligned || m_located[k].module_tokens.empty()) return;
    const SourceToken& tok = m_tokens[m_located[k].module_tokens[0]];
    if (tok.offset == SourceToken::k_no_offset) return;
    std::size_t length = tok.text.size();
    // `import uasyncio as asyncio` becomes `import asyncio`.
    const std::size_t alias = m_located[k].alias_token;
    if (m_imports[k].alias == replacement && alias != k_none && m_tokens[alias].offset != SourceToken::k_no_offset)
      length = m_tokens[alias].offset + m_tokens[alias].text.size() - tok.offset;
    m_module_edits.push_back({k, tok.offset, length, replacement});
  }

  void check_uses() {
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
      if (m_in_import[i] || m_tokens[i].kind != Tok::name || is_definition_or_keyword(i)) continue;
      if (i > 0 && m_tokens[i - 1].kind == Tok::del_period) {
        check_method(i);
        continue;
      }
      i = check_name(i);
    }
  }

  bool is_definition_or_keyword(std::size_t i) const {
    if (i > 0 && (m_tokens[i - 1].kind == Tok::kw_def || m_tokens[i - 1].kind == Tok::kw_class)) return true;
    return m_depth[i] > 0 && i + 1 < m_tokens.size() && m_tokens[i + 1].kind == Tok::del_equal;
  }

  std::optional<std::string> resolve(std::size_t i) const {
    const std::string& name = m_tokens[i].text;
    if (auto it = m_bindings.find(name); it != m_bindings.end()) return it->second.path;
    // MicroPython's compiler knows @micropython.native without an import.
    if (name == "micropython" && i > 0 && m_tokens[i - 1].kind == Tok::op_at) return name;
    for (const auto& module : m_star_modules)
      if (attribute_rule(canonical_path(module + "." + name))) return module + "." + name;
    return std::nullopt;
  }

  /// Checks the dotted chain starting at name token `i`; returns the index of its last token.
  std::size_t check_name(std::size_t i) {
    const auto bound = resolve(i);
    if (!bound) return i;
    std::size_t end = i;
    std::string path = *bound, written = m_tokens[i].text;
    while (end + 2 < m_tokens.size() && m_tokens[end + 1].kind == Tok::del_period &&
           m_tokens[end + 2].kind == Tok::name) {
      path += "." + m_tokens[end + 2].text;
      written += "." + m_tokens[end + 2].text;
      end += 2;
    }
    if (inside_pin_call(i)) return end;
    const bool call = end + 1 < m_tokens.size() && m_tokens[end + 1].kind == Tok::del_paren_open;
    const bool decorator = i > 0 && m_tokens[i - 1].kind == Tok::op_at;
    const std::string construct = (decorator ? "@" : "") + written + (call ? "(...)" : "");
    const std::size_t at = decorator ? i - 1 : i;
    const auto attr = attribute_rule(canonical_path(path));
    if (attr && attr->path == "machine.Pin" && call) {
      m_pin_calls.emplace_back(end + 1, closing_paren(end + 1));
      add(i, m_tokens[i].line, "machine", construct, pin_advice(m_tokens, end + 1), PortAction::manual);
    } else if (attr) {
      add(at, m_tokens[i].line, std::string(attr->rule), construct, std::string(attr->advice), PortAction::manual);
    } else if (auto rule = module_rule(path); rule && rule->action == PortAction::manual) {
      add(at, m_tokens[i].line, "module", construct, std::string(rule->advice), PortAction::manual);
    }
    return end;
  }

  void check_method(std::size_t i) {
    const bool call = i + 1 < m_tokens.size() && m_tokens[i + 1].kind == Tok::del_paren_open;
    const auto rule = call ? method_rule(m_tokens[i].text) : std::nullopt;
    if (rule)
      add(i, m_tokens[i].line, std::string(rule->rule), "." + m_tokens[i].text + "(...)", std::string(rule->advice),
          PortAction::manual);
  }

  std::size_t closing_paren(std::size_t open) const {
    for (std::size_t j = open + 1; j < m_tokens.size(); ++j)
      if (m_depth[j] == m_depth[open] && m_tokens[j].kind == Tok::del_paren_close) return j;
    return m_tokens.size();
  }

  bool inside_pin_call(std::size_t i) const {
    return std::any_of(m_pin_calls.begin(), m_pin_calls.end(),
                       [i](const auto& range) { return i > range.first && i < range.second; });
  }

  // --- the --fix plan: rename u-module imports, and the uses of `import utime` as `time` when that is safe.

  void plan_renames() {
    std::set<std::size_t> renamed;
    for (const auto& e : m_module_edits) {
      const auto& imp = m_imports[e.import_index];
      std::string text = e.replacement;
      const std::string old_name = m_tokens[m_located[e.import_index].module_tokens[0]].text;
      if (!imp.from && imp.alias.empty()) {
        const auto uses = uses_of(old_name);
        if (uses && can_take_name(e.replacement, old_name)) {
          for (std::size_t u : *uses)
            if (renamed.insert(u).second) m_out.edits.push_back({m_tokens[u].offset, old_name.size(), e.replacement});
        } else {
          text = e.replacement + " as " + old_name;  // keep the old name bound: always safe
        }
      }
      m_out.edits.push_back({e.offset, e.length, text});
    }
  }

  /// The tokens that use the module bound as `name`, or nullopt when it is rebound or used where it
  /// cannot be renamed (inside f-string fields).
  std::optional<std::vector<std::size_t>> uses_of(const std::string& name) const {
    std::vector<std::size_t> uses;
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
      if (m_in_import[i] || m_tokens[i].kind != Tok::name || m_tokens[i].text != name) continue;
      if (i > 0 && m_tokens[i - 1].kind == Tok::del_period) continue;
      if (m_depth[i] > 0 && i + 1 < m_tokens.size() && m_tokens[i + 1].kind == Tok::del_equal) continue;
      if (is_rebinding(i) || m_tokens[i].offset == SourceToken::k_no_offset) return std::nullopt;
      uses.push_back(i);
    }
    return uses;
  }

  bool is_rebinding(std::size_t i) const {
    const Tok prev = i > 0 ? m_tokens[i - 1].kind : Tok::newline;
    if (prev == Tok::kw_def || prev == Tok::kw_class || prev == Tok::kw_as || prev == Tok::kw_for ||
        prev == Tok::kw_global || prev == Tok::kw_nonlocal)
      return true;
    const Tok next = i + 1 < m_tokens.size() ? m_tokens[i + 1].kind : Tok::end;
    return (m_depth[i] == 0 && next == Tok::del_equal) || next == Tok::op_assign ||
           (next >= Tok::del_pipe_equal && next <= Tok::del_dbl_star_equal);
  }

  /// True when `name` is free to become the module's name: not bound to something else and not rebound.
  bool can_take_name(const std::string& name, const std::string& old_name) const {
    if (auto it = m_bindings.find(name); it != m_bindings.end() && canonical_path(it->second.path) != name)
      return false;
    for (std::size_t i = 0; i < m_tokens.size(); ++i)
      if (!m_in_import[i] && m_tokens[i].kind == Tok::name && m_tokens[i].text == name && is_rebinding(i)) return false;
    return name != old_name;
  }

  void add(std::size_t token, int line, std::string rule, std::string construct, std::string advice,
           PortAction action) {
    auto [at_line, column] = position(token, line);
    m_out.findings.push_back({at_line, column, std::move(rule), std::move(construct), std::move(advice), action});
  }

  /// Line and 1-based character column of a token; tokens replayed from f-string fields take the string's.
  std::pair<int, int> position(std::size_t token, int fallback_line) const {
    if (token == k_none) return {fallback_line, 1};
    while (token > 0 && m_tokens[token].in_fstring_args) --token;
    const SourceToken& t = m_tokens[token];
    const auto line_index = static_cast<std::size_t>(t.line - 1);
    if (t.offset == SourceToken::k_no_offset || line_index >= m_starts.size() || m_starts[line_index] > t.offset)
      return {t.line, static_cast<int>(t.column)};
    const std::size_t start = m_starts[line_index];
    int column = 1;
    for (std::size_t b = start; b < t.offset; ++b)
      if ((static_cast<unsigned char>(m_src[b]) & 0xC0) != 0x80) ++column;
    return {t.line, column};
  }

  struct ModuleEdit {
    std::size_t import_index;
    std::size_t offset;
    std::size_t length;
    std::string replacement;
  };

  std::string_view m_src;
  std::vector<SourceToken> m_tokens;
  std::vector<std::size_t> m_starts;
  std::vector<ImportedModule> m_imports;
  std::vector<TokenImport> m_located;
  bool m_aligned = false;
  std::vector<bool> m_in_import;
  std::vector<int> m_depth;
  std::map<std::string, Binding> m_bindings;
  std::vector<std::string> m_star_modules;
  std::vector<std::pair<std::size_t, std::size_t>> m_pin_calls;
  std::vector<ModuleEdit> m_module_edits;
  PortCheck m_out;
};

/// The last line of mpy-cross's message ("SyntaxError: invalid syntax").
std::string last_line(const std::string& text) {
  std::string t = text;
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  const auto nl = t.find_last_of("\r\n");
  return nl == std::string::npos ? t : t.substr(nl + 1);
}

/// MicroPython's emitter decorators are what `port` reports, so they are not a reason to give up.
bool is_emitter_decorator_error(const std::string& message) {
  return message.find("invalid arch") != std::string::npos ||
         message.find("invalid micropython decorator") != std::string::npos;
}

}  // namespace

Result<PortCheck> check_port(std::string_view source, const std::string& file_name) {
  auto scan = mpycross::scan_imports(source);
  auto compiled = mpycross::compile(source, file_name);
  if (const auto* failure = std::get_if<mpycross::CompileFailure>(&compiled)) {
    const std::string message = last_line(failure->stderr_text);
    if (scan.error || !is_emitter_decorator_error(message)) {
      const std::string where = failure->line > 0 ? file_name + ", line " + std::to_string(failure->line) : file_name;
      return make_error(ExitCode::bad_input, message + " (" + where + ")", "fix the file so mpy-cross compiles it");
    }
  }
  return PortChecker(source, std::move(scan.imports)).run();
}

std::string apply_edits(std::string_view source, std::vector<TextEdit> edits) {
  std::sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
  std::string out;
  std::size_t at = 0;
  for (const auto& e : edits) {
    if (e.offset < at || e.offset + e.length > source.size()) continue;
    out.append(source.substr(at, e.offset - at));
    out += e.text;
    at = e.offset + e.length;
  }
  out.append(source.substr(at));
  return out;
}

}  // namespace cpy::bundle
