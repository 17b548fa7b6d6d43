#include "progress_printer.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "table.hpp"

namespace stackctl::cli {

namespace {

using clock = std::chrono::steady_clock;

bool no_color_env() {
  const char* v = std::getenv("NO_COLOR");
  return v != nullptr && *v != '\0';
}

std::size_t terminal_width(std::FILE* out) {
  winsize ws{};
  if (::ioctl(::fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

// Cuts `text` to `width` code points.
std::string clip(const std::string& text, std::size_t width) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && n++ == width) return text.substr(0, i);
  }
  return text;
}

}  // namespace

bool progress_printer::stderr_is_tty() { return ::isatty(STDERR_FILENO) == 1; }

progress_printer::progress_printer() : progress_printer(stderr, stderr_is_tty(), stderr_is_tty() && !no_color_env()) {}

progress_printer::progress_printer(std::FILE* out, bool live, bool color) : out_(out), live_(live), color_(color) {
  if (live_) thread_ = std::thread([this] { ticker(); });
}

progress_printer::~progress_printer() { finish(); }

deploy::progress_sink progress_printer::sink() {
  return [this](const deploy::progress_event& e) { on_event(e); };
}

void progress_printer::on_event(const deploy::progress_event& e) {
  std::lock_guard lock(mutex_);
  const auto now = clock::now();
  auto it = std::find_if(lines_.begin(), lines_.end(), [&](const line& l) { return l.resource == e.resource; });
  if (it == lines_.end()) {
    lines_.push_back({e.resource, e.text, e.state, now, now});
    it = std::prev(lines_.end());
  } else {
    it->text = e.text;
    // A resource that finished and starts again (e.g. Started → Waiting) keeps its first start time.
    it->state = e.state;
  }
  if (e.state != deploy::progress_state::working) it->ended = now;
  if (!live_) {
    if (e.state == deploy::progress_state::warning && e.resource.rfind("Project ", 0) == 0)
      fmt::print(out_, "WARNING: {}\n", e.text);  // about the whole project: the text says it all
    else
      fmt::print(out_, "{}{}  {}\n", e.state == deploy::progress_state::warning ? "WARNING: " : "", e.resource, e.text);
    std::fflush(out_);
    return;
  }
  redraw_locked();
}

void progress_printer::note_unchanged(const std::string& resource, const std::string& text) {
  {
    std::lock_guard lock(mutex_);
    if (std::any_of(lines_.begin(), lines_.end(), [&](const line& l) { return l.resource == resource; })) return;
  }
  on_event({resource, text, deploy::progress_state::done});
}

void progress_printer::redraw_locked() {
  if (finished_) return;
  static const char* spinner[] = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
  const auto now = clock::now();
  const std::size_t width = terminal_width(out_);
  std::size_t done = 0, resource_width = 0, text_width = 0;
  for (const auto& l : lines_) {
    if (l.state != deploy::progress_state::working) ++done;
    resource_width = std::max(resource_width, display_width(l.resource));
    text_width = std::max(text_width, display_width(l.text));
  }
  auto paint = [&](const char* code, const std::string& s) {
    return color_ ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
  };
  std::string frame;
  if (drawn_ > 0) frame += fmt::format("\x1b[{}A", drawn_);  // back to the title line
  frame += "\x1b[2K" + paint("34", fmt::format("[+] Running {}/{}", done, lines_.size())) + "\n";
  for (const auto& l : lines_) {
    std::string mark;
    switch (l.state) {
      case deploy::progress_state::working: mark = spinner[frame_ % 10]; break;
      case deploy::progress_state::done: mark = paint("32", "✔"); break;
      case deploy::progress_state::warning: mark = paint("33", "!"); break;
      case deploy::progress_state::error: mark = paint("31", "✘"); break;
    }
    const auto elapsed =
        std::chrono::duration<double>((l.state == deploy::progress_state::working ? now : l.ended) - l.started);
    std::string body = l.resource;
    body.append(resource_width + 2 - display_width(l.resource), ' ');
    body += l.text;
    body.append(text_width + 1 - display_width(l.text), ' ');
    const std::string time = fmt::format("{:.1f}s", elapsed.count());
    // " <mark> <body>" then the time right-aligned; keep every line within the terminal so
    // the cursor arithmetic holds.
    const std::size_t room = width > time.size() + 4 ? width - time.size() - 4 : 0;
    body = clip(body, room);
    frame += "\x1b[2K " + mark + " " + body + " " + time + "\n";
  }
  drawn_ = lines_.size() + 1;
  std::fputs(frame.c_str(), out_);
  std::fflush(out_);
}

void progress_printer::ticker() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(100));
    if (stopping_) break;
    ++frame_;
    if (!lines_.empty() && std::any_of(lines_.begin(), lines_.end(),
                                       [](const line& l) { return l.state == deploy::progress_state::working; }))
      redraw_locked();
  }
}

void progress_printer::finish() {
  {
    std::lock_guard lock(mutex_);
    if (finished_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  if (live_ && !lines_.empty()) redraw_locked();
  finished_ = true;
}

}  // namespace stackctl::cli
