// "did you mean ...?" for unknown subcommands and options.
#include "cli/suggest.hpp"

#include "core/text.hpp"

namespace cpy::cli {

std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& s : opt->get_snames()) names.push_back("-" + s);
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
  }
  return names;
}

namespace {

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

bool takes_value(const CLI::App& app, const std::string& flag) {
  for (const CLI::Option* opt : app.get_options())
    if (opt->check_name(flag)) return opt->get_expected_min() > 0;
  return false;
}

const CLI::App* selected_subcommand(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (sub->parsed()) return sub;
  return nullptr;
}

}  // namespace

std::string first_command_word(const CLI::App& app, const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") return {};
    if (!arg.empty() && arg[0] == '-') {
      if (arg.find('=') == std::string::npos && takes_value(app, arg)) ++i;
      continue;
    }
    return arg;
  }
  return {};
}

std::optional<Suggestion> unknown_command(const CLI::App& app, const std::vector<std::string>& args) {
  const std::string word = first_command_word(app, args);
  if (word.empty()) return std::nullopt;
  const auto names = subcommand_names(app);
  for (const auto& name : names)
    if (name == word) return std::nullopt;
  return Suggestion{word, closest_match(word, names), "unknown command '" + word + "'"};
}

Suggestion suggest_for_extras(const CLI::App& app, const std::string& what) {
  const std::string marker = "not expected: ";
  std::string rest = what.substr(what.find(marker) == std::string::npos ? 0 : what.find(marker) + marker.size());
  const std::string word = split(rest, ' ').front();
  std::vector<std::string> candidates = option_names(app);
  if (const CLI::App* sub = selected_subcommand(app)) {
    const auto more = option_names(*sub);
    candidates.insert(candidates.end(), more.begin(), more.end());
  }
  const std::string bare = word.substr(0, word.find('='));
  const bool is_option = !bare.empty() && bare[0] == '-';
  const std::string message = (is_option ? "unknown option '" : "unexpected argument '") + word + "'";
  std::string best;
  if (is_option) {
    std::vector<std::string> stripped;
    for (const auto& c : candidates) stripped.push_back(c.substr(c.find_first_not_of('-')));
    best = closest_match(
        bare.substr(bare.find_first_not_of('-') == std::string::npos ? bare.size() : bare.find_first_not_of('-')),
        stripped);
    for (const auto& c : candidates)
      if (!best.empty() && c.substr(c.find_first_not_of('-')) == best) {
        best = c;
        break;
      }
  }
  return Suggestion{word, best, message};
}

}  // namespace cpy::cli
