"""One process of the lockout concurrency test: its own app and connections; ``N``
threads each try one wrong password once the parent writes a line to stdin, then it
prints how many argon2 verifications it made (``python -m tests.auth.lockout_worker
URL EMAIL N``)."""

import json
import sys
import threading

from app import create_app
from auth import services
from core.config import TestConfig


def main(url: str, email: str, count: int) -> None:
    config = type("WorkerConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url})
    app = create_app(config)
    checks, lock, go = [0], threading.Lock(), threading.Event()
    real = services.verify_password

    def counted(*args):
        with lock:
            checks[0] += 1
        return real(*args)

    services.verify_password = counted
    statuses = []

    def attempt(i):
        client = app.test_client()
        go.wait(30)
        if i % 2:
            answer = client.post(
                "/login", data={"email": email, "password": "wrong!!!"}
            )
        else:
            body = {"email": email, "password": "wrong!!!"}
            answer = client.post("/api/v1/tokens", json=body)
        statuses.append(answer.status_code)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    print("ready", flush=True)
    sys.stdin.readline()
    go.set()
    for thread in threads:
        thread.join(60)
    print(json.dumps({"checks": checks[0], "statuses": statuses}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
