// The terminal's size, following 'resize' (Ink 6 has no useWindowSize).

import {useEffect, useState} from 'react';

export interface SizedStream {
	readonly columns?: number;
	readonly rows?: number;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
}

export interface TerminalSize {
	readonly columns: number;
	readonly rows: number;
}

export function sizeOf(stream: Pick<SizedStream, 'columns' | 'rows'>): TerminalSize {
	return {columns: stream.columns || 80, rows: stream.rows || 24};
}

export function useTerminalSize(stream: SizedStream): TerminalSize {
	const [size, setSize] = useState(() => sizeOf(stream));
	useEffect(() => {
		const update = () =>
			setSize(previous => {
				const next = sizeOf(stream);
				return next.columns === previous.columns && next.rows === previous.rows ? previous : next;
			});
		stream.on('resize', update);
		update();
		return () => {
			stream.off('resize', update);
		};
	}, [stream]);
	return size;
}
