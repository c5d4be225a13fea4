"""Run every benchmark and print its figures with the machine noted."""

from bench import machine, publishing, validation

print(f"Machine: {machine.describe()}")
print()
validation.run()
print()
publishing.run()
