#include "picture.h"

#include <QFile>
#include <QImageReader>

namespace Jw::Ui {

QImage readPicture(QIODevice *device, QSize fitInto, const PictureLimits &limits)
{
    QImageReader reader(device);
    reader.setAllocationLimit(limits.allocationMb);
    reader.setAutoTransform(true);
    if (!reader.canRead())
        return {};
    // The header's size, before a single pixel is decoded: a small file can
    // claim 100000×100000 (a decompression bomb).
    const QSize size = reader.size();
    if (!size.isValid() || size.width() > limits.maxSide || size.height() > limits.maxSide
        || qint64(size.width()) * size.height() > limits.maxPixels)
        return {};
    if (fitInto.isValid() && (size.width() > fitInto.width() || size.height() > fitInto.height()))
        reader.setScaledSize(size.scaled(fitInto, Qt::KeepAspectRatio).expandedTo(QSize(1, 1)));
    QImage image;
    if (!reader.read(&image) || image.isNull())
        return {};
    return image;
}

QImage readPicture(const QString &path, QSize fitInto, const PictureLimits &limits)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return readPicture(&file, fitInto, limits);
}

} // namespace Jw::Ui
