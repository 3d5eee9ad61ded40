"""The reference deployment (docs/deployment.md), started on loopback ports and stopped after.

PostgreSQL (a throwaway database), Redis as the cache (one database number, emptied),
django-tasks-db's queue with its ``db_worker``, two gunicorn app servers of the example site,
nginx in front with ``example_site/deploy/nginx-cma.conf`` (the file the docs show), and an
SMTP sink in the calling process. Used by tests/stack and by bench/crisis_traffic.py.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from .smtp_sink import SMTPSink

ROOT = Path(__file__).resolve().parents[2]
NGINX = os.environ.get("CMA_NGINX", shutil.which("nginx") or "/usr/sbin/nginx")
NGINX_SITE = ROOT / "example_site" / "deploy" / "nginx-cma.conf"
PG = "127.0.0.1"

NGINX_MAIN = """\
{user}worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {access_log};
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {run}/nginx-cma.conf;
}}
"""

#: Intake open whatever the time of day and no daily quota (the point is the stack, not
#: the opening hours); the site's address is the proxy's, so that Wagtail's purges (built
#: from the pages' full URLs) reach the entries visitors read.
EDITOR_USERNAME = "redactrice"
EDITOR_PASSWORD = "pile-de-production-2020"

#: ... and an editor who is no superuser: Wagtail's "Moderators" (edit and publish pages)
#: with the right to change the chamber settings.
PREPARE = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import Site
from cma_wagtail.callbacks.models import CallbackTeam
from cma_wagtail.models import ChamberSettings
Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port={port})
for chamber in ChamberSettings.objects.all():
    chamber.callback_intake_open = True
    chamber.callback_intake_opening_hours_only = False
    chamber.save()
CallbackTeam.objects.update(daily_quota=None)
editor = get_user_model().objects.create_user(
    {username!r}, "redactrice@cma-doubs.example", {password!r}, first_name="Claire"
)
editor.groups.add(Group.objects.get(name="Moderators"))
editor.user_permissions.add(
    Permission.objects.get(content_type__app_label="cma_wagtail", codename="change_chambersettings")
)
"""


def missing() -> str:
    """Why the stack cannot run here ("" when it can)."""
    if not Path(NGINX).exists():
        return f"nginx not found ({NGINX}): run `make stack-deps`"
    try:
        if subprocess.run(["pg_isready", "-h", PG, "-p", "5432", "-q"], timeout=5).returncode:
            return "PostgreSQL is not reachable on 127.0.0.1:5432"
    except (OSError, subprocess.TimeoutExpired):
        return "pg_isready not found: PostgreSQL client tools missing"
    try:
        import redis

        redis.Redis(host="127.0.0.1", socket_connect_timeout=2).ping()
    except Exception as exc:
        return f"Redis is not reachable on 127.0.0.1:6379 ({type(exc).__name__})"
    try:
        import django_tasks_db  # noqa: F401
    except ImportError:
        return "django-tasks-db is not installed (pip install -e '.[test]')"
    return ""


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(
        ["psql", "-h", PG, "-U", "postgres", "-d", database, "-tAq", "-c", sql],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is free
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def wait_http(url: str, seconds: float = 60, log: Path | None = None) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)  # noqa: S310 (loopback only)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    tail = log.read_text()[-3000:] if log and log.exists() else ""
    raise RuntimeError(f"{url} did not answer within {seconds} s\n{tail}")


class Stack:
    """Ports: ``base`` the proxy, ``base+1`` and ``base+2`` the app servers, ``base+5`` SMTP."""

    def __init__(
        self,
        base_port: int = 8180,
        redis_db: int = 13,
        db_prefix: str = "cma_stack",
        env: dict | None = None,
        app_workers: int = 2,
        access_log: bool = True,
    ):
        self.tmp = Path(tempfile.mkdtemp(prefix="cma-stack-"))
        self.proxy_port = base_port
        self.app_ports = (base_port + 1, base_port + 2)
        self.smtp_port = base_port + 5
        self.proxy_url = f"http://127.0.0.1:{self.proxy_port}"
        self.app_urls = tuple(f"http://127.0.0.1:{port}" for port in self.app_ports)
        self.redis_url = f"redis://127.0.0.1:6379/{redis_db}"
        self.db_name = f"{db_prefix}_{uuid.uuid4().hex[:8]}"
        self.database_url = f"postgres://postgres@{PG}:5432/{self.db_name}"
        self.app_workers = app_workers
        self.access_log = access_log
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "example_site.settings",
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "TASKS_BACKEND": "database",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp_port),
            "FRONTEND_CACHE_URL": self.proxy_url,
            "TRUSTED_PROXIES": "127.0.0.1",
            "DEBUG": "0",
            "SECRET_KEY": "stack-test-secret-key",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WAGTAILADMIN_BASE_URL": self.proxy_url,
            "MEDIA_ROOT": str(self.tmp / "media"),
            "STATIC_ROOT": str(self.tmp / "static"),
            "CMA_WAGTAIL_MIN_FILL_SECONDS": "0",
            **(env or {}),
        }
        self.env.pop("EMAIL_BACKEND", None)
        self.smtp = SMTPSink(self.smtp_port)
        self.apps: list[subprocess.Popen] = []
        self.worker: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None
        self._db_created = False
        self.timings: dict[str, float] = {}

    # -- life cycle ---------------------------------------------------------------------
    def start(self) -> Stack:
        busy = [p for p in (self.proxy_port, *self.app_ports, self.smtp_port) if not _port_free(p)]
        if busy:
            raise RuntimeError(f"ports already in use: {busy}")
        started = time.monotonic()
        import redis

        redis.Redis.from_url(self.redis_url).flushdb()
        psql(f"CREATE DATABASE {self.db_name}")
        self._db_created = True
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "--link", "-v0")
        # The demo content is built with its tasks run inline and no purge (nothing is
        # cached yet): the worker starts with an empty queue, as after a deployment.
        setup = {
            **self.env,
            "TASKS_BACKEND": "immediate",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        setup.pop("FRONTEND_CACHE_URL")
        self.manage("load_demo_data", env=setup)
        prepare = PREPARE.format(
            port=self.proxy_port, username=EDITOR_USERNAME, password=EDITOR_PASSWORD
        )
        self.manage("shell", "-v", "0", "-c", prepare, env=setup)
        self.timings["database"] = time.monotonic() - started
        self.smtp.start()
        for index, port in enumerate(self.app_ports):
            self.apps.append(self._gunicorn(index, port))
        self.start_worker()
        self._start_nginx()
        for index, url in enumerate(self.app_urls):
            wait_http(url + "/", log=self.tmp / f"app{index}.log")
        wait_http(self.proxy_url + "/", log=self.tmp / "nginx-error.log")
        self.timings["start"] = time.monotonic() - started
        return self

    def stop(self) -> None:
        for process in [*self.apps, self.worker, self.nginx]:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in [*self.apps, self.worker, self.nginx]:
            if process is not None:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.smtp.stop()
        if self._db_created:
            psql(f"DROP DATABASE IF EXISTS {self.db_name} WITH (FORCE)")
        try:
            import redis

            redis.Redis.from_url(self.redis_url).flushdb()
        except Exception:  # noqa: S110 - best effort clean-up
            pass
        if not os.environ.get("CMA_STACK_KEEP"):
            shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> Stack:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- processes ----------------------------------------------------------------------
    def _gunicorn(self, index: int, port: int) -> subprocess.Popen:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "example_site.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(self.app_workers),
                "--access-logfile",
                "-" if self.access_log else "/dev/null",
                "--access-logformat",
                '%(h)s "%(r)s" %(s)s',
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=open(self.tmp / f"app{index}.log", "a"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )

    def start_worker(self) -> None:
        """django-tasks-db's worker: one process, as the reference deployment runs it."""
        self.worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=self.env,
            stdout=open(self.tmp / "worker.log", "a"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )

    def kill_worker(self) -> None:
        """SIGKILL: no clean-up, no "finishing the current task" (a crash, an OOM kill)."""
        assert self.worker is not None
        os.kill(self.worker.pid, signal.SIGKILL)
        self.worker.wait(timeout=10)

    def stop_worker(self) -> None:
        assert self.worker is not None
        self.worker.terminate()
        self.worker.wait(timeout=30)

    def _write_nginx_site(self, *, purge_down: bool = False) -> None:
        """The docs' file, filled in; ``purge_down``: its purge location answers 503."""
        run = self.tmp / "nginx"
        values = {
            "APP_SERVERS": " ".join(f"server 127.0.0.1:{port};" for port in self.app_ports),
            "LISTEN": f"127.0.0.1:{self.proxy_port}",
            "CACHE_DIR": str(run / "cache"),
            "REAL_IP_FROM": "set_real_ip_from 127.0.0.1;",
            "PURGERS": "",
            "STATIC_ROOT": self.env["STATIC_ROOT"],
        }
        site = re.sub(
            r"\$\{([A-Z_]+)\}", lambda m: values.get(m.group(1), m.group(0)), NGINX_SITE.read_text()
        )
        if purge_down:
            site = site.replace("location @cma_purge {", "location @cma_purge {\n return 503;", 1)
        (run / "nginx-cma.conf").write_text(site)

    def set_purge_location(self, *, up: bool) -> None:
        """Reload nginx with its purge location answering 503 (down) or as configured."""
        assert self.nginx is not None
        self._write_nginx_site(purge_down=not up)
        os.kill(self.nginx.pid, signal.SIGHUP)
        expected = 200 if up else 503
        deadline = time.time() + 20
        while time.time() < deadline:  # the new workers answer once the reload is done
            request = urllib.request.Request(  # noqa: S310 (loopback only)
                self.proxy_url + "/robots.txt", method="PURGE"
            )
            try:
                status = urllib.request.urlopen(request, timeout=10).status  # noqa: S310
            except urllib.error.HTTPError as exc:
                status = exc.code
            if status == expected:
                return
            time.sleep(0.2)
        raise RuntimeError(f"nginx's purge location did not answer {expected} after a reload")

    def _start_nginx(self) -> None:
        run = self.tmp / "nginx"
        run.mkdir()
        self._write_nginx_site()
        main = NGINX_MAIN.format(
            # As root (CI containers), nginx's workers would run as "nobody", who cannot
            # enter the test's private temporary directory.
            user="user root;\n" if os.geteuid() == 0 else "",
            run=run,
            access_log=f"{run}/access.log" if self.access_log else "off",
        )
        (run / "nginx.conf").write_text(main)
        self.nginx = subprocess.Popen(
            [NGINX, "-p", str(run), "-c", str(run / "nginx.conf"), "-g", "daemon off;"],
            stdout=open(self.tmp / "nginx-error.log", "a"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )

    # -- helpers ------------------------------------------------------------------------
    def manage(self, *args: str, env: dict | None = None) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-4000:]}")
        return result.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "-v", "0", "-c", code)

    def status(self, *args: str) -> tuple[int, str]:
        """``manage.py cma_status``: its exit status and what it printed."""
        result = subprocess.run(
            [sys.executable, "manage.py", "cma_status", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return result.returncode, result.stdout + result.stderr

    def sql(self, query: str) -> str:
        return psql(query, self.db_name)

    def log(self, name: str) -> str:
        path = self.tmp / name
        return path.read_text() if path.exists() else ""
