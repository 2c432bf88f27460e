import React from 'react';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {TickerContext, useNowText, type NowSource} from '../../source/ui/use-now.js';

function manualTicker(start: number): NowSource & {tick(to: number): void} {
	let now = start;
	const listeners = new Set<() => void>();
	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		getSnapshot: () => now,
		tick(to) {
			now = to;
			for (const listener of listeners) listener();
		},
	};
}

describe('useNowText', () => {
	it('re-renders on a tick only when the text it shows changes', async () => {
		const ticker = manualTicker(10_000);
		let renders = 0;
		function Age() {
			renders++;
			const text = useNowText(now => (now - 10_000 < 1000 ? 'just now' : `${Math.floor((now - 10_000) / 1000)} s ago`));
			return <Text>{text}</Text>;
		}
		const ui = render(
			<TickerContext.Provider value={ticker}>
				<Age />
			</TickerContext.Provider>,
		);
		const settle = () => new Promise(resolve => setImmediate(resolve));
		await settle();
		const first = renders;
		ticker.tick(10_400);
		await settle();
		expect(renders).toBe(first);
		expect(ui.lastFrame()).toBe('just now');
		ticker.tick(12_100);
		await settle();
		expect(renders).toBe(first + 1);
		expect(ui.lastFrame()).toBe('2 s ago');
		ui.unmount();
	});
});
