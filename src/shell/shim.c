/* netsim command shim: one symlink per tool name (ip, bridge, ping, ...) points at this binary.
 * It forwards argv, cwd and the environment (NETSIM_NETNS included) to the netsim session
 * server at 127.0.0.1:$NETSIM_PORT, authenticating with $NETSIM_TOKEN, and relays stdout,
 * stderr and the exit status. The protocol is described in protocol.ts beside this file.
 * POSIX only, no allocation beyond a growable receive buffer: it must start in well under
 * a millisecond, since scripts run thousands of commands. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

extern char **environ;

static const char *prog = "netsim-shim";
static int sock = -1;
static int sigpipe_fds[2] = {-1, -1};
static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define NCAUGHT (sizeof caught / sizeof caught[0])
static struct sigaction original[NCAUGHT];
static int ignored_mask; /* 1 << signo for each caught signal our parent had set to SIG_IGN */

static void die(const char *what) {
  fprintf(stderr, "netsim: %s: %s\n", prog, what);
  _exit(126);
}

static void on_signal(int sig) {
  int saved = errno;
  unsigned char b = (unsigned char)sig;
  if (write(sigpipe_fds[1], &b, 1) < 0) { /* nothing to do */ }
  errno = saved;
}

/* Writes everything, waiting when the descriptor is non-blocking and full. Returns -1 on EPIPE. */
static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w > 0) { p += w; n -= (size_t)w; continue; }
    if (w < 0 && errno == EINTR) continue;
    if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      struct pollfd pf = {fd, POLLOUT, 0};
      poll(&pf, 1, -1);
      continue;
    }
    return -1;
  }
  return 0;
}

static void send_frame(char type, const void *payload, uint32_t len) {
  unsigned char h[5] = {(unsigned char)type, (unsigned char)(len >> 24), (unsigned char)(len >> 16),
                        (unsigned char)(len >> 8), (unsigned char)len};
  if (write_all(sock, (const char *)h, 5) < 0 || write_all(sock, payload, len) < 0)
    die("lost the connection to the netsim session");
}

static void send_int(char type, int32_t v) {
  unsigned char b[4] = {(unsigned char)((uint32_t)v >> 24), (unsigned char)((uint32_t)v >> 16),
                        (unsigned char)((uint32_t)v >> 8), (unsigned char)v};
  send_frame(type, b, 4);
}

static int32_t get_int(const unsigned char *p) {
  return (int32_t)(((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3]);
}

/* A growable byte buffer for building the request. */
static char *req;
static size_t req_len, req_cap;
static void put(const char *s) {
  size_t n = strlen(s) + 1;
  if (req_len + n > req_cap) {
    req_cap = (req_len + n) * 2 + 4096;
    req = realloc(req, req_cap);
    if (!req) die("out of memory");
  }
  memcpy(req + req_len, s, n);
  req_len += n;
}

static void catch_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < NCAUGHT; i++) sigaction(caught[i], &sa, NULL);
}

/* Before exec: the new program inherits the dispositions we were started with. */
static void restore_signals(void) {
  for (size_t i = 0; i < NCAUGHT; i++) sigaction(caught[i], &original[i], NULL);
}

/* Dies of `sig` as the real program would when it does not handle it. */
static void die_of_signal(int sig) {
  signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(sig);
  _exit(128 + sig);
}

/* The directory of shims and this binary's identity, to skip them when looking for the real
 * program a tool passes through to. */
static int is_shim(const char *path, const char *shimdir, const char *dir) {
  static int have_self = -1;
  static struct stat self;
  if (shimdir && strcmp(dir, shimdir) == 0) return 1;
  if (have_self < 0) have_self = stat("/proc/self/exe", &self) == 0;
  struct stat st;
  if (have_self && stat(path, &st) == 0 && st.st_dev == self.st_dev && st.st_ino == self.st_ino) return 1;
  return 0;
}

/* execvp() for the real program named like this shim: PATH without shim directories. */
static void exec_real(char **argv) {
  const char *path = getenv("PATH");
  const char *shimdir = getenv("NETSIM_SHIMDIR");
  int err = ENOENT;
  if (!path) path = "/usr/local/bin:/usr/bin:/bin";
  size_t nlen = strlen(argv[0]);
  const char *p = path;
  for (;;) {
    const char *end = strchr(p, ':');
    size_t dlen = end ? (size_t)(end - p) : strlen(p);
    char dir[4096], file[4096 + 256];
    if (dlen == 0) { dir[0] = '.'; dir[1] = 0; }
    else if (dlen < sizeof dir) { memcpy(dir, p, dlen); dir[dlen] = 0; }
    else dir[0] = 0;
    if (dir[0] && dlen + nlen + 2 < sizeof file) {
      snprintf(file, sizeof file, "%s/%s", dir, argv[0]);
      if (access(file, X_OK) == 0 && !is_shim(file, shimdir, dir)) {
        execv(file, argv);
        if (errno == ENOEXEC) {
          int argc = 0;
          while (argv[argc]) argc++;
          char **sh = malloc(sizeof(char *) * (size_t)(argc + 2));
          if (sh) {
            sh[0] = "sh";
            sh[1] = file;
            for (int i = 1; i <= argc; i++) sh[i + 1] = argv[i];
            execv("/bin/sh", sh);
            free(sh);
          }
        }
        err = errno;
        if (err != ENOENT && err != ENOTDIR) break;
        err = ENOENT;
      }
    }
    if (!end) break;
    p = end + 1;
  }
  errno = err;
}

/* Carries out a 'C' frame. Returns only when the exec failed (errno set). */
static void do_exec(unsigned char *payload, uint32_t len) {
  /* NUL-terminated strings: argc, argv..., K=V... */
  size_t n = 0, cnt = 0;
  for (uint32_t i = 0; i < len; i++) cnt += payload[i] == 0;
  char **strs = malloc(sizeof(char *) * (cnt + 1));
  if (!strs) { errno = ENOMEM; return; }
  uint32_t start = 0;
  for (uint32_t i = 0; i < len; i++)
    if (payload[i] == 0) { strs[n++] = (char *)payload + start; start = i + 1; }
  long argc = n ? strtol(strs[0], NULL, 10) : 0;
  if (argc < 1 || (size_t)argc + 1 > n) { free(strs); errno = EINVAL; return; }
  char **argv = malloc(sizeof(char *) * (size_t)(argc + 1));
  if (!argv) { free(strs); errno = ENOMEM; return; }
  for (long i = 0; i < argc; i++) argv[i] = strs[1 + i];
  argv[argc] = NULL;
  for (size_t i = 1 + (size_t)argc; i < n; i++) {
    char *eq = strchr(strs[i], '=');
    if (!eq) continue;
    *eq = 0;
    setenv(strs[i], eq + 1, 1);
    *eq = '=';
  }
  /* A signal caught but not yet forwarded: the new program would never see it. */
  restore_signals();
  unsigned char b;
  while (read(sigpipe_fds[0], &b, 1) == 1)
    if (!(ignored_mask & (1 << b))) die_of_signal(b);
  if (strchr(argv[0], '/')) execv(argv[0], argv);
  else if (getenv("NETSIM_REAL")) {
    /* A tool passing through to the real program of that name (cat /etc/hosts). */
    unsetenv("NETSIM_REAL");
    exec_real(argv);
  }
  else execvp(argv[0], argv);
  int err = errno;
  /* Failed: keep relaying; catch signals again. */
  catch_signals();
  free(argv);
  free(strs);
  errno = err;
}

int main(int argc, char **argv) {
  (void)argc;
  const char *slash = strrchr(argv[0], '/');
  prog = slash ? slash + 1 : argv[0];

  const char *port_s = getenv("NETSIM_PORT");
  const char *token = getenv("NETSIM_TOKEN");
  if (!port_s || !*port_s || !token) die("not inside a netsim session (NETSIM_PORT/NETSIM_TOKEN unset)");
  long port = strtol(port_s, NULL, 10);
  if (port <= 0 || port > 65535) die("bad NETSIM_PORT");

  /* Signals become bytes on a pipe, forwarded to the server. Those our parent ignored
   * (SIGINT/SIGQUIT of a background job) are caught too, and reported as ignored: the server
   * drops them unless the tool catches them anyway, as ping does with SIGINT. */
  if (pipe(sigpipe_fds) < 0) die("pipe failed");
  for (int i = 0; i < 2; i++) {
    fcntl(sigpipe_fds[i], F_SETFD, FD_CLOEXEC);
    fcntl(sigpipe_fds[i], F_SETFL, O_NONBLOCK);
  }
  for (size_t i = 0; i < NCAUGHT; i++) {
    sigaction(caught[i], NULL, &original[i]);
    if (original[i].sa_handler == SIG_IGN) ignored_mask |= 1 << caught[i];
  }
  catch_signals();

  sock = socket(AF_INET, SOCK_STREAM, 0);
  if (sock < 0) die("socket failed");
  fcntl(sock, F_SETFD, FD_CLOEXEC);
  int one = 1;
  setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((uint16_t)port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  while (connect(sock, (struct sockaddr *)&sa, sizeof sa) < 0) {
    if (errno == EINTR) continue;
    die("cannot reach the netsim session server");
  }

  char cwd[8192], num[32];
  put("netsim/1");
  put(token);
  put(getcwd(cwd, sizeof cwd) ? cwd : "");
  int kinds = 0;
  for (int fd = 0; fd < 3; fd++) {
    struct stat st;
    if (isatty(fd)) kinds |= 1 << fd;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) kinds |= 8 << fd;
  }
  snprintf(num, sizeof num, "%d", kinds);
  put(num);
  snprintf(num, sizeof num, "%d", ignored_mask);
  put(num);
  int n = 0;
  while (argv[n]) n++;
  snprintf(num, sizeof num, "%d", n);
  put(num);
  for (int i = 0; i < n; i++) put(argv[i]);
  for (char **e = environ; *e; e++) put(*e);
  send_frame('Q', req, (uint32_t)req_len);
  free(req);

  unsigned char *buf = malloc(65536 + 5);
  size_t cap = 65536 + 5, have = 0;
  if (!buf) die("out of memory");
  int want_stdin = 0, stdin_done = 0;
  int out_broken[3] = {0, 0, 0};
  char inbuf[65536];

  for (;;) {
    struct pollfd pf[3];
    int np = 0;
    pf[np++] = (struct pollfd){sock, POLLIN, 0};
    pf[np++] = (struct pollfd){sigpipe_fds[0], POLLIN, 0};
    if (want_stdin && !stdin_done) pf[np++] = (struct pollfd){0, POLLIN, 0};
    if (poll(pf, (nfds_t)np, -1) < 0) {
      if (errno == EINTR) continue;
      die("poll failed");
    }
    if (pf[1].revents) {
      unsigned char b;
      while (read(sigpipe_fds[0], &b, 1) == 1) send_int('S', b);
    }
    if (np > 2 && pf[2].revents) {
      ssize_t r = read(0, inbuf, sizeof inbuf);
      if (r < 0 && (errno == EINTR || errno == EAGAIN)) { /* retry */ }
      else if (r > 0) send_frame('I', inbuf, (uint32_t)r);
      else { send_frame('I', "", 0); stdin_done = 1; }
    }
    if (pf[0].revents) {
      if (cap - have < 65536) {
        cap *= 2;
        buf = realloc(buf, cap);
        if (!buf) die("out of memory");
      }
      ssize_t r = read(sock, buf + have, cap - have);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) die("lost the connection to the netsim session");
      have += (size_t)r;
      size_t off = 0;
      while (have - off >= 5) {
        unsigned char *f = buf + off;
        uint32_t len = ((uint32_t)f[1] << 24) | ((uint32_t)f[2] << 16) | ((uint32_t)f[3] << 8) | f[4];
        if (have - off < 5 + (size_t)len) {
          if (5 + (size_t)len > cap) {
            /* Make room for a frame larger than the buffer. */
            memmove(buf, f, have - off);
            have -= off;
            off = 0;
            cap = 5 + (size_t)len + 65536;
            buf = realloc(buf, cap);
            if (!buf) die("out of memory");
          }
          break;
        }
        unsigned char *p = f + 5;
        switch (f[0]) {
        case 'O':
        case 'E': {
          int fd = f[0] == 'O' ? 1 : 2;
          if (!out_broken[fd] && write_all(fd, (const char *)p, len) < 0) out_broken[fd] = 1;
          break;
        }
        case 'R':
          want_stdin = 1;
          break;
        case 'X': {
          int32_t st = len >= 4 ? get_int(p) : 1;
          if (st < 0) die_of_signal(-st);
          _exit(st & 255);
        }
        case 'C': {
          do_exec(p, len);
          int err = errno;
          const char *msg = strerror(err);
          size_t ml = strlen(msg);
          unsigned char *fb = malloc(4 + ml);
          if (!fb) die("out of memory");
          fb[0] = (unsigned char)((uint32_t)err >> 24);
          fb[1] = (unsigned char)((uint32_t)err >> 16);
          fb[2] = (unsigned char)((uint32_t)err >> 8);
          fb[3] = (unsigned char)err;
          memcpy(fb + 4, msg, ml);
          send_frame('F', fb, (uint32_t)(4 + ml));
          free(fb);
          break;
        }
        default:
          break;
        }
        off += 5 + (size_t)len;
      }
      if (off) {
        memmove(buf, buf + off, have - off);
        have -= off;
      }
    }
  }
}
