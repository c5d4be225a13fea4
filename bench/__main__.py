"""Run every benchmark and print its figures with the machine noted."""

from bench import (
    charts,
    feedback,
    flags,
    forecast,
    machine,
    publishing,
    releases,
    site,
    validation,
)

print(f"Machine: {machine.describe()}")
for run in (
    site.run,
    releases.run,
    validation.run,
    flags.run,
    forecast.run,
    publishing.run,
    feedback.run,
    charts.run,
):
    print()
    run()
