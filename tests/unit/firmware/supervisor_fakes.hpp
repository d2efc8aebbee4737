// Test doubles for the supervisor: an in-memory drive, a scripted console and a tiny fake interpreter.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "firmware/supervisor/console.hpp"
#include "firmware/supervisor/drive.hpp"
#include "firmware/supervisor/interpreter.hpp"

namespace cpy::firmware::testing {

class MemoryDrive : public Drive {
 public:
  std::map<std::string, std::string> files;
  std::map<std::string, int> write_count;

  void put(const std::string& path, const std::string& data) { files[path] = data; }
  EntryStat stat(std::string_view path) const override {
    std::string p = normal(path);
    if (files.count(p)) return {EntryKind::file, files.at(p).size(), 0};
    if (p == "/" || is_dir(p)) return {EntryKind::directory, 0, 0};
    return {};
  }
  std::optional<std::string> read(std::string_view path) const override {
    auto it = files.find(normal(path));
    if (it == files.end()) return std::nullopt;
    return it->second;
  }
  FwStatus write(std::string_view path, std::string_view data) override {
    files[normal(path)] = std::string(data);
    ++write_count[normal(path)];
    return Done{};
  }
  FwResult<std::vector<std::string>> list(std::string_view) const override { return std::vector<std::string>{}; }
  FwStatus make_directory(std::string_view path) override {
    files[normal(path) + "/.keep"] = "";
    return Done{};
  }
  FwStatus remove_directory(std::string_view) override { return Done{}; }
  FwStatus remove_file(std::string_view path) override {
    files.erase(normal(path));
    return Done{};
  }
  FwStatus rename(std::string_view, std::string_view) override { return Done{}; }
  DriveUsage usage() const override { return {}; }

 private:
  static std::string normal(std::string_view path) {
    std::string p(path);
    if (p.empty() || p[0] != '/') p = "/" + p;
    return p;
  }
  bool is_dir(const std::string& p) const {
    auto it = files.lower_bound(p + "/");
    return it != files.end() && it->first.starts_with(p + "/");
  }
};

/// Input is queued by the test; output is collected and can be awaited.
class ScriptedConsole : public Console {
 public:
  std::atomic<bool> is_connected{true};

  void write(std::string_view bytes) override {
    if (!is_connected) return;
    std::lock_guard lock(m_mutex);
    m_output += bytes;
    m_cv.notify_all();
  }
  std::optional<char> read(std::chrono::milliseconds timeout) override {
    std::unique_lock lock(m_mutex);
    if (!m_cv.wait_for(lock, timeout, [&] { return !m_input.empty(); })) return std::nullopt;
    char c = m_input.front();
    m_input.pop_front();
    return c;
  }
  void flush_input() override {
    std::lock_guard lock(m_mutex);
    m_input.clear();
  }
  bool connected() const override { return is_connected; }
  void set_interrupt_handler(std::function<void()> handler) override {
    std::lock_guard lock(m_mutex);
    m_interrupt = std::move(handler);
  }

  /// Sends bytes as a host would; a Ctrl-C while code runs goes to the interrupt hook.
  void send(std::string_view bytes) {
    std::function<void()> interrupt;
    {
      std::lock_guard lock(m_mutex);
      for (char c : bytes) {
        if (c == '\x03' && m_interrupt) {
          m_input.clear();
          interrupt = m_interrupt;
          break;
        }
        m_input.push_back(c);
      }
      m_cv.notify_all();
    }
    if (interrupt) interrupt();
  }
  /// Waits until the output (since the last take) contains `text`; returns everything up to and including it.
  std::string take_until(std::string_view text, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    std::unique_lock lock(m_mutex);
    m_cv.wait_for(lock, timeout, [&] { return m_output.find(text) != std::string::npos; });
    auto pos = m_output.find(text);
    if (pos == std::string::npos) return "<timeout; output so far: " + m_output + ">";
    std::string head = m_output.substr(0, pos + text.size());
    m_output.erase(0, pos + text.size());
    return head;
  }
  std::string pending_output() {
    std::lock_guard lock(m_mutex);
    return m_output;
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<char> m_input;
  std::string m_output;
  std::function<void()> m_interrupt;
};

/// Runs a tiny line language instead of Python:
///   print <text>    prints text
///   raise <Name>    raises an exception of that name
///   wait            blocks until interrupted (Ctrl-C or auto-reload)
///   exit / reload / reset   SystemExit, supervisor.reload(), microcontroller.reset()
/// In "single" mode an input "a+b" of two integers prints their sum (expression echo).
class FakeInterpreter : public Interpreter {
 public:
  std::atomic<int> starts{0};
  std::atomic<int> stops{0};
  std::vector<std::string> ran;  ///< names of runs, in order
  std::mutex ran_mutex;

  void attach(ModuleFinder&, BoardServices&, OutputSink output) override { m_output = std::move(output); }
  void start(const VmConfig&) override { ++starts; }
  void stop() override { ++stops; }
  RunResult run_mpy(std::string_view, std::string_view name) override { return run_source("", name, InputKind::file); }
  bool is_complete_input(std::string_view) override { return true; }
  std::vector<std::string> builtin_module_names() const override { return {"board", "time"}; }
  void request_interrupt(InterruptKind kind) override {
    m_kind = kind;
    m_interrupted = true;
  }

  RunResult run_source(std::string_view source, std::string_view name, InputKind kind) override {
    // Like the VM: a stale Ctrl-C is dropped, a reload or stop requested as the run starts is kept.
    if (m_kind != InterruptKind::reload) m_interrupted = false;
    {
      std::lock_guard lock(ran_mutex);
      ran.emplace_back(name);
    }
    if (kind == InputKind::single) {
      auto plus = source.find('+');
      if (plus != std::string_view::npos) {
        int a = std::stoi(std::string(source.substr(0, plus))), b = std::stoi(std::string(source.substr(plus + 1)));
        m_output(std::to_string(a + b) + "\n");
        return {};
      }
    }
    int line_no = 0;
    std::size_t pos = 0;
    while (pos < source.size()) {
      std::size_t end = source.find('\n', pos);
      if (end == std::string_view::npos) end = source.size();
      std::string line(source.substr(pos, end - pos));
      pos = end + 1;
      ++line_no;
      if (line.starts_with("print ")) m_output(line.substr(6) + "\n");
      if (line.starts_with("raise ")) return error(name, line_no, line.substr(6), RunOutcome::exception);
      if (line == "exit") return outcome(RunOutcome::system_exit);
      if (line == "reload") return outcome(RunOutcome::reload);
      if (line == "reset") return outcome(RunOutcome::hard_reset);
      if (line == "wait") {
        while (!m_interrupted) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        m_interrupted = false;
        if (m_kind == InterruptKind::reload) return outcome(RunOutcome::interrupted_reload);
        return error(name, line_no, "KeyboardInterrupt", RunOutcome::keyboard_interrupt);
      }
    }
    return {};
  }

 private:
  static RunResult outcome(RunOutcome o) {
    RunResult r;
    r.outcome = o;
    return r;
  }
  static RunResult error(std::string_view file, int line, const std::string& exc, RunOutcome o) {
    RunResult r;
    r.outcome = o;
    r.traceback = "Traceback (most recent call last):\n  File \"" + std::string(file) + "\", line " +
                  std::to_string(line) + ", in <module>\n" + exc + ": \n";
    r.exception_name = exc;
    return r;
  }
  OutputSink m_output;
  std::atomic<bool> m_interrupted{false};
  std::atomic<InterruptKind> m_kind{InterruptKind::keyboard};
};

}  // namespace cpy::firmware::testing
