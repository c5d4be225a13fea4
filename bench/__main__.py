"""Run every benchmark and print its figures with the machine noted."""

from bench import machine, validation

print(f"Machine: {machine.describe()}")
print()
validation.run()
