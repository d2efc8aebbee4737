// Requirements output: notes on stderr, requirements.txt text on stdout or into a file, or one JSON document.
#include "cli/commands/blinka_report.hpp"

#include <cstdio>

#include "core/atomic_file.hpp"

namespace cpy::cli {

int report_requirements(const Output& out, const bundle::BlinkaRequirements& reqs, const std::string& origin,
                        const std::string& output_file, nlohmann::json doc) {
  doc["requirements"] = nlohmann::json::array();
  doc["notes"] = nlohmann::json::array();
  for (const auto& p : reqs.packages)
    doc["requirements"].push_back(
        {{"name", p.pypi_name}, {"version", p.version}, {"module", p.module}, {"required_by", p.required_by}});
  for (const auto& n : reqs.notes) {
    const bool warning = n.level == bundle::BlinkaNote::Level::warning;
    doc["notes"].push_back({{"level", warning ? "warning" : "note"}, {"module", n.module}, {"text", n.text}});
    if (warning) out.warn(n.module + ": " + n.text);
  }
  const std::string text = bundle::requirements_text(reqs, origin);
  if (!output_file.empty()) {
    if (auto s = write_file_atomic(output_file, text); !s) return out.fail(s.error());
    doc["written_to"] = output_file;
    out.line("wrote " + std::to_string(reqs.packages.size()) + " requirements to " + output_file);
  } else if (!out.json()) {
    std::fputs(text.c_str(), stdout);
  }
  out.json_result(doc);
  return 0;
}

}  // namespace cpy::cli
