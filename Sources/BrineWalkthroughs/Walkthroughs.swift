import Brine
