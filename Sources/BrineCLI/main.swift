import Brine
print("brine: not written yet")
