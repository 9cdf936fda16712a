// zlib (Debian: zlib1g-dev); named CGzip because ZIPFoundation already brings a module called CZLib, for reading gzip-compressed data sets (MNIST/Fashion-MNIST .gz).
#include <zlib.h>
