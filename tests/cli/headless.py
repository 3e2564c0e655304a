"""Headless Chromium for the tests of the HTML page: where it is, whether it can run here, and a
WebDriver session on it. Not a test module.

The browser tests run where Debian's `chromium` and `chromium-driver` (and selenium) are
installed and are skipped elsewhere; CI sets ERHVERV_REQUIRE_BROWSER=1 after installing them,
and there a missing browser is a failure rather than a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("ERHVERV_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("ERHVERV_CHROMEDRIVER", "/usr/bin/chromedriver"))
REQUIRED = os.environ.get("ERHVERV_REQUIRE_BROWSER") == "1"
# Nothing reaches the network, nothing is updated or synced, and /dev/shm is not relied on.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
)  # fmt: skip


def _missing(driver: bool) -> str | None:
    if not CHROMIUM.is_file():
        return f"browser tests need {CHROMIUM} (apt-get install chromium chromium-driver)"
    if not driver:
        return None
    if not CHROMEDRIVER.is_file():
        return f"browser tests need {CHROMEDRIVER} (apt-get install chromium chromium-driver)"
    try:
        import selenium.webdriver  # noqa: F401
    except ImportError:
        return "browser tests need selenium (pip install selenium)"
    return None


def require(driver: bool = True, module_level: bool = False) -> None:
    """Skip the test (or the module) where the browser cannot run; fail instead where CI needs it."""
    problem = _missing(driver)
    if problem:
        if REQUIRED:
            raise RuntimeError(problem)
        pytest.skip(problem, allow_module_level=module_level)


def session(profile: Path) -> Iterator[Any]:
    """A WebDriver session on headless Chromium (1280×900, browser log kept), for a fixture to yield
    from; the driver's path is given, so Selenium Manager never downloads one."""
    require()
    import selenium.webdriver as webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}", "--window-size=1280,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=str(CHROMEDRIVER))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        driver.quit()
