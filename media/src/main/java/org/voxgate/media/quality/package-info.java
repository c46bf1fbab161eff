/** Call quality estimates from transport figures: the ITU-T G.107 E-model. */
package org.voxgate.media.quality;
