#pragma once

#include <QImage>
#include <QSize>
#include <QString>

class QIODevice;

namespace Jw::Ui {

/// How much a picture from the network may cost to show: its size is read
/// from the header and checked before anything is decoded, and the decoder
/// may allocate no more than allocationMb (QImageReader::setAllocationLimit).
struct PictureLimits
{
    int maxSide = 16384;
    qint64 maxPixels = qint64(40) * 1000 * 1000;
    int allocationMb = 200;
};

/// The picture in `device`/`path`, scaled to fit `fitInto` when given
/// (decoded at that size where the format allows); a null image when it
/// cannot be shown (unknown format, malformed, truncated or too large):
/// the caller shows its "could not show this picture" placeholder.
QImage readPicture(QIODevice *device, QSize fitInto = {}, const PictureLimits &limits = {});
QImage readPicture(const QString &path, QSize fitInto = {}, const PictureLimits &limits = {});

} // namespace Jw::Ui
