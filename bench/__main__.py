"""Run every benchmark and print its figures with the machine noted."""

from bench import charts, machine, publishing, site, validation

print(f"Machine: {machine.describe()}")
print()
site.run()
print()
validation.run()
print()
publishing.run()
print()
charts.run()
