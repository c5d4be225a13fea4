"""Publishing the data packages to a CKAN portal: plan what changed, then push only that.

``python -m publish plan`` lists what a push would do; ``python -m publish push`` does it.
"""
